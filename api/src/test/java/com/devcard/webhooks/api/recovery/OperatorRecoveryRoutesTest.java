package com.devcard.webhooks.api.recovery;

import static com.devcard.webhooks.api.ProblemBody.assertProblem;
import static com.devcard.webhooks.api.ProblemBody.assertValidationProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.api.ApiSliceTest;
import com.devcard.webhooks.api.ProblemBody.Field;
import com.devcard.webhooks.api.TestData;
import com.devcard.webhooks.api.TestTokens;
import com.devcard.webhooks.store.endpoint.Endpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Operators recover across users, filtered, and read any recovery; users' routes stay theirs. */
@ApiSliceTest
class OperatorRecoveryRoutesTest {

  @Autowired MockMvcTester mvc;
  @Autowired TestTokens tokens;
  @Autowired TestData data;

  private final String user = TestData.newUser();

  private MvcTestResult recover(String body) {
    return mvc.post()
        .uri("/api/admin/recover")
        .header(HttpHeaders.AUTHORIZATION, tokens.bearer("operator", TestTokens.ADMIN))
        .contentType(MediaType.APPLICATION_JSON)
        .content(body)
        .exchange();
  }

  @Test
  void anOperatorRecoversAUsersFailedDeliveries() {
    Endpoint endpoint = data.endpoint(user, "card.viewed");
    String delivery = data.delivery(endpoint);
    data.fail(delivery);

    MvcTestResult started = recover("{\"userId\": \"%s\"}".formatted(user));

    assertThat(started)
        .hasStatus(HttpStatus.ACCEPTED)
        .bodyJson()
        .hasPathSatisfying("$.total", value -> value.assertThat().isEqualTo(1));
    assertThat(started.getResponse().getHeader(HttpHeaders.LOCATION))
        .startsWith("/api/admin/recoveries/");
  }

  @Test
  void anOperatorsRecoveryIsNotAUsersToRead() {
    data.endpoint(user, "card.viewed");
    String location =
        recover("{\"userId\": \"%s\"}".formatted(user))
            .getResponse()
            .getHeader(HttpHeaders.LOCATION);
    String id = location.substring(location.lastIndexOf('/') + 1);

    assertProblem(
        mvc.get()
            .uri("/api/recoveries/" + id)
            .header(HttpHeaders.AUTHORIZATION, tokens.bearer(user))
            .exchange(),
        HttpStatus.NOT_FOUND,
        "not-found");
  }

  @Test
  void anEmptyFilterNeverRecoversEverything() {
    assertThat(assertValidationProblem(recover("{}")))
        .extracting(Field::field)
        .containsExactly("body");
  }

  @Test
  void aMistypedEndpointIsNotFound() {
    assertProblem(recover("{\"endpointId\": \"ep_mistyped\"}"), HttpStatus.NOT_FOUND, "not-found");
  }
}
