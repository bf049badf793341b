package com.devcard.webhooks.api.endpoint;

import static com.devcard.webhooks.api.ProblemBody.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.api.ApiSliceTest;
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

/** Registering, reading, changing and deleting a user's endpoints. */
@ApiSliceTest
class EndpointRoutesTest {

  private static final String NEW_ENDPOINT =
      """
      {"url": "https://hooks.test/devcard", "events": ["card.viewed", "contact.saved"],
       "description": "CRM sync"}
      """;

  @Autowired MockMvcTester mvc;
  @Autowired TestTokens tokens;
  @Autowired TestData data;

  private final String user = TestData.newUser();

  private MvcTestResult create() {
    return mvc.post()
        .uri("/api/webhooks")
        .header(HttpHeaders.AUTHORIZATION, tokens.bearer(user))
        .contentType(MediaType.APPLICATION_JSON)
        .content(NEW_ENDPOINT)
        .exchange();
  }

  private MvcTestResult get(String path) {
    return mvc.get().uri(path).header(HttpHeaders.AUTHORIZATION, tokens.bearer(user)).exchange();
  }

  @Test
  void creatingAnEndpointAnswersItsLocationAndItsSecretOnce() {
    MvcTestResult created = create();

    assertThat(created).hasStatus(HttpStatus.CREATED);
    String id = created.getResponse().getHeader(HttpHeaders.LOCATION).replace("/api/webhooks/", "");
    assertThat(created)
        .bodyJson()
        .hasPathSatisfying(
            "$.secret", secret -> secret.assertThat().asString().startsWith("whsec_"))
        .hasPathSatisfying("$.id", value -> value.assertThat().isEqualTo(id))
        .hasPathSatisfying("$.isActive", value -> value.assertThat().isEqualTo(true))
        .hasPathSatisfying(
            "$.createdAt",
            value ->
                value.assertThat().asString().matches("\\d{4}-\\d\\d-\\d\\dT[\\d:]{8}\\.\\d{3}Z"));
    assertThat(get("/api/webhooks/" + id))
        .hasStatusOk()
        .bodyJson()
        .doesNotHavePath("$.secret")
        .hasPathSatisfying("$.description", value -> value.assertThat().isEqualTo("CRM sync"));
  }

  @Test
  void anEndpointShowsWhyItIsDisabledItsRateLimitAndItsHealth() {
    Endpoint endpoint = data.endpoint(user, "card.viewed");

    assertThat(get("/api/webhooks/" + endpoint.id()))
        .hasStatusOk()
        .bodyJson()
        .hasPathSatisfying("$.disabledReason", value -> value.assertThat().isNull())
        .hasPathSatisfying("$.disabledAt", value -> value.assertThat().isNull())
        .hasPathSatisfying("$.rateLimit", value -> value.assertThat().isNull())
        .hasPathSatisfying("$.health.lastSuccessAt", value -> value.assertThat().isNull())
        .hasPathSatisfying("$.health.lastFailureAt", value -> value.assertThat().isNull())
        .hasPathSatisfying("$.health.failingSince", value -> value.assertThat().isNull())
        .hasPathSatisfying("$.health.last24h.succeeded", value -> value.assertThat().isEqualTo(0))
        .hasPathSatisfying("$.health.last24h.failed", value -> value.assertThat().isEqualTo(0));

    MvcTestResult paused =
        mvc.patch()
            .uri("/api/webhooks/" + endpoint.id())
            .header(HttpHeaders.AUTHORIZATION, tokens.bearer(user))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"isActive\": false, \"rateLimit\": 5}")
            .exchange();

    assertThat(paused)
        .hasStatusOk()
        .bodyJson()
        .hasPathSatisfying("$.disabledReason", value -> value.assertThat().isEqualTo("user"))
        .hasPathSatisfying("$.disabledAt", value -> value.assertThat().isNotNull())
        .hasPathSatisfying("$.rateLimit", value -> value.assertThat().isEqualTo(5));
  }

  @Test
  void theListHoldsOnlyTheUsersEndpointsOldestFirst() {
    Endpoint first = data.endpoint(user, "card.viewed");
    Endpoint second = data.endpoint(user, "contact.saved");
    data.endpoint(TestData.newUser(), "card.viewed");

    assertThat(get("/api/webhooks"))
        .hasStatusOk()
        .bodyJson()
        .extractingPath("$.items[*].id")
        .asArray()
        .containsExactly(first.id(), second.id());
  }

  @Test
  void aChangeAnswersTheChangedEndpoint() {
    Endpoint endpoint = data.endpoint(user, "card.viewed");

    MvcTestResult changed =
        mvc.patch()
            .uri("/api/webhooks/" + endpoint.id())
            .header(HttpHeaders.AUTHORIZATION, tokens.bearer(user))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"events\": [\"contact.saved\"], \"isActive\": false}")
            .exchange();

    assertThat(changed)
        .hasStatusOk()
        .bodyJson()
        .hasPathSatisfying("$.isActive", value -> value.assertThat().isEqualTo(false))
        .extractingPath("$.events")
        .asArray()
        .containsExactly("contact.saved");
  }

  @Test
  void aDeletedEndpointIsGone() {
    Endpoint endpoint = data.endpoint(user, "card.viewed");

    assertThat(
            mvc.delete()
                .uri("/api/webhooks/" + endpoint.id())
                .header(HttpHeaders.AUTHORIZATION, tokens.bearer(user))
                .exchange())
        .hasStatus(HttpStatus.NO_CONTENT);
    assertProblem(get("/api/webhooks/" + endpoint.id()), HttpStatus.NOT_FOUND, "not-found");
  }

  @Test
  void theSixthEndpointOfAUserIsAConflict() {
    for (int i = 0; i < 5; i++) {
      assertThat(create()).hasStatus(HttpStatus.CREATED);
    }

    assertProblem(create(), HttpStatus.CONFLICT, "endpoint-limit-reached");
  }
}
