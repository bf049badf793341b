package com.devcard.webhooks.api.endpoint;

import static com.devcard.webhooks.api.ProblemBody.assertValidationProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.api.ApiSliceTest;
import com.devcard.webhooks.api.ProblemBody.Field;
import com.devcard.webhooks.api.TestData;
import com.devcard.webhooks.api.TestTokens;
import com.devcard.webhooks.store.endpoint.Endpoint;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * An invalid create or change is one 400 listing every wrong field in {@code errors}, and changes
 * nothing.
 */
@ApiSliceTest
class EndpointRequestValidationTest {

  @Autowired MockMvcTester mvc;
  @Autowired TestTokens tokens;
  @Autowired TestData data;
  @Autowired EndpointRepository endpoints;

  private final String user = TestData.newUser();

  @Test
  void anInvalidCreateNamesEveryWrongFieldAndWritesNothing() {
    String body =
        """
        {"url": "http://hooks.test/in#top",
         "events": ["card.viewed", "card.viewed", "card.burnt"],
         "description": "%s"}
        """
            .formatted("x".repeat(257));

    List<Field> errors =
        assertValidationProblem(
            mvc.post()
                .uri("/api/webhooks")
                .header(HttpHeaders.AUTHORIZATION, tokens.bearer(user))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange());

    assertThat(errors)
        .extracting(Field::field)
        .containsExactly("url", "url", "events[1]", "events[2]", "description");
    assertThat(errors).allSatisfy(error -> assertThat(error.message()).isNotBlank());
    assertThat(endpoints.listByUser(user)).isEmpty();
  }

  @Test
  void aTargetOnAPrivateNetworkIsRefusedWithoutNamingItsAddress() {
    String body =
        """
        {"url": "https://intranet.test/in", "events": ["card.viewed"]}
        """;

    List<Field> errors =
        assertValidationProblem(
            mvc.post()
                .uri("/api/webhooks")
                .header(HttpHeaders.AUTHORIZATION, tokens.bearer(user))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange());

    assertThat(errors).extracting(Field::field).containsExactly("url");
    // The same words as for a name that does not resolve: no oracle for internal DNS names.
    assertThat(errors.getFirst().message())
        .isEqualTo("host intranet.test does not resolve to an allowed address")
        .doesNotContain("10.1.2.3");
  }

  @Test
  void anInvalidChangeNamesEveryWrongFieldAndChangesNothing() {
    Endpoint endpoint = data.endpoint(user, "card.viewed");
    String body =
        """
        {"url": 7, "events": [], "isActive": "yes", "secret": "whsec_x"}
        """;

    List<Field> errors =
        assertValidationProblem(
            mvc.patch()
                .uri("/api/webhooks/" + endpoint.id())
                .header(HttpHeaders.AUTHORIZATION, tokens.bearer(user))
                .contentType(MediaType.APPLICATION_JSON)
                .content(body)
                .exchange());

    assertThat(errors)
        .extracting(Field::field)
        .containsExactlyInAnyOrder("url", "events", "isActive", "secret");
    assertThat(endpoints.find(user, endpoint.id()).orElseThrow()).isEqualTo(endpoint);
  }
}
