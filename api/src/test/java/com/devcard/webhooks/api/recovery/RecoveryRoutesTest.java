package com.devcard.webhooks.api.recovery;

import static com.devcard.webhooks.api.ProblemBody.assertProblem;
import static com.devcard.webhooks.api.ProblemBody.assertValidationProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.api.ApiSliceTest;
import com.devcard.webhooks.api.ProblemBody.Field;
import com.devcard.webhooks.api.TestData;
import com.devcard.webhooks.api.TestTokens;
import com.devcard.webhooks.store.endpoint.Endpoint;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** A user's bulk recovery of their endpoint's failed deliveries, its progress and its cancel. */
@ApiSliceTest
class RecoveryRoutesTest {

  @Autowired MockMvcTester mvc;
  @Autowired TestTokens tokens;
  @Autowired TestData data;

  private final String user = TestData.newUser();
  private Endpoint endpoint;

  @BeforeEach
  void anEndpoint() {
    endpoint = data.endpoint(user, "card.viewed");
  }

  private MvcTestResult recover(String body) {
    return mvc.post()
        .uri("/api/webhooks/" + endpoint.id() + "/recover")
        .header(HttpHeaders.AUTHORIZATION, tokens.bearer(user))
        .contentType(MediaType.APPLICATION_JSON)
        .content(body)
        .exchange();
  }

  private String failedDeliveryCreatedAt(String time) {
    String delivery = data.delivery(endpoint, Instant.parse(time));
    data.fail(delivery);
    return delivery;
  }

  @Test
  void aRecoveryCoversTheFailedDeliveriesSinceTheGivenTime() {
    failedDeliveryCreatedAt("2026-01-01T09:00:00Z");
    failedDeliveryCreatedAt("2026-01-01T10:00:00Z");
    failedDeliveryCreatedAt("2026-01-01T11:00:00Z");

    MvcTestResult started = recover("{\"since\": \"2026-01-01T10:00:00Z\"}");

    assertThat(started)
        .hasStatus(HttpStatus.ACCEPTED)
        .bodyJson()
        .hasPathSatisfying("$.state", value -> value.assertThat().isEqualTo("running"))
        .hasPathSatisfying("$.total", value -> value.assertThat().isEqualTo(2));
    String location = started.getResponse().getHeader(HttpHeaders.LOCATION);
    assertThat(
            mvc.get()
                .uri(location)
                .header(HttpHeaders.AUTHORIZATION, tokens.bearer(user))
                .exchange())
        .hasStatusOk()
        .bodyJson()
        .hasPathSatisfying("$.total", value -> value.assertThat().isEqualTo(2));
  }

  @Test
  void aCancelledRecoverySaysSo() {
    String location =
        recover("{\"since\": \"2026-01-01T00:00:00Z\"}")
            .getResponse()
            .getHeader(HttpHeaders.LOCATION);

    assertThat(
            mvc.delete()
                .uri(location)
                .header(HttpHeaders.AUTHORIZATION, tokens.bearer(user))
                .exchange())
        .hasStatusOk()
        .bodyJson()
        .hasPathSatisfying("$.state", value -> value.assertThat().isEqualTo("cancelled"));
  }

  @Test
  void sinceMustBeAnIsoTimeWithAnOffset() {
    assertThat(assertValidationProblem(recover("{\"since\": \"2026-01-01 10:00\"}")))
        .extracting(Field::field)
        .containsExactly("since");
  }

  @Test
  void anInactiveEndpointCannotBeRecovered() {
    data.setActive(endpoint, false);

    assertProblem(
        recover("{\"since\": \"2026-01-01T00:00:00Z\"}"), HttpStatus.CONFLICT, "conflict");
  }
}
