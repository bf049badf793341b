package com.devcard.webhooks.api.portal;

import static com.devcard.webhooks.api.ProblemBody.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.api.ApiSliceTest;
import com.devcard.webhooks.api.ProblemBody;
import com.devcard.webhooks.api.Responses;
import com.devcard.webhooks.api.TestData;
import com.devcard.webhooks.api.TestTokens;
import com.devcard.webhooks.store.endpoint.Endpoint;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * A session token of the users' page on the REST API: it acts as its user on the same routes and
 * under the same rules as that user's own token, with no scope; a read-only one only reads; an
 * ended, expired or unknown one is 401 at once.
 */
@ApiSliceTest
class PortalSessionTokenTest {

  /** A route that changes something; {@code {endpoint}} is the user's own endpoint. */
  record Change(HttpMethod method, String path, String body) {

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  static Stream<Change> changes() {
    return Stream.of(
        new Change(
            HttpMethod.POST,
            "/api/webhooks",
            "{\"url\": \"https://hooks.example.com/x\", \"events\": [\"card.viewed\"]}"),
        new Change(HttpMethod.PATCH, "/api/webhooks/{endpoint}", "{\"isActive\": false}"),
        new Change(HttpMethod.DELETE, "/api/webhooks/{endpoint}", null),
        new Change(HttpMethod.POST, "/api/webhooks/{endpoint}/test", null),
        new Change(HttpMethod.POST, "/api/webhooks/{endpoint}/rotate-secret", null),
        new Change(
            HttpMethod.POST,
            "/api/webhooks/{endpoint}/recover",
            "{\"since\": \"2026-01-01T00:00:00Z\"}"),
        new Change(HttpMethod.POST, "/api/webhooks/{endpoint}/deliveries/dlv_x/retry", null),
        new Change(HttpMethod.DELETE, "/api/recoveries/rcv_x", null));
  }

  @Autowired MockMvcTester mvc;
  @Autowired TestTokens tokens;
  @Autowired TestData data;
  @Autowired PortalSessions sessions;
  @Autowired EndpointRepository endpoints;
  @Autowired JdbcClient jdbc;

  private final String user = TestData.newUser();
  private Endpoint own;

  @BeforeEach
  void anEndpoint() {
    own = data.endpoint(user, "card.viewed");
  }

  /** The bearer header of a new session of the user, through its magic link. */
  private String session(String userId, boolean readOnly) {
    String url = sessions.open(userId, Duration.ofHours(1), readOnly).url();
    return "Bearer " + sessions.exchange(url.substring(url.indexOf("#code=") + 6)).token();
  }

  private MvcTestResult call(HttpMethod method, String path, String authorization, String body) {
    MockMvcTester.MockMvcRequestBuilder request =
        mvc.method(method).uri(path).header(HttpHeaders.AUTHORIZATION, authorization);
    if (body != null) {
      request.contentType(MediaType.APPLICATION_JSON).content(body);
    }
    return request.exchange();
  }

  private MvcTestResult get(String path, String authorization) {
    return call(HttpMethod.GET, path, authorization, null);
  }

  @Test
  void aSessionSeesItsUsersEndpointsAndNoOneElses() {
    Endpoint others = data.endpoint(TestData.newUser(), "card.viewed");
    String session = session(user, false);

    MvcTestResult list = get("/api/webhooks", session);

    assertThat(list).hasStatusOk();
    assertThat(Responses.<List<String>>read(list, "$.items[*].id")).containsExactly(own.id());
    assertProblem(get("/api/webhooks/" + others.id(), session), HttpStatus.NOT_FOUND, "not-found");
    assertProblem(
        get("/api/webhooks/" + others.id() + "/deliveries", session),
        HttpStatus.NOT_FOUND,
        "not-found");
  }

  @Test
  void aSessionChangesItsUsersEndpointsUnderTheSameRules() {
    String session = session(user, false);

    MvcTestResult refused =
        call(
            HttpMethod.POST,
            "/api/webhooks",
            session,
            "{\"url\": \"ftp://hooks.example.com/in\", \"events\": [\"card.viewed\"]}");
    MvcTestResult changed =
        call(
            HttpMethod.PATCH,
            "/api/webhooks/" + own.id(),
            session,
            "{\"description\": \"from the page\"}");

    assertThat(ProblemBody.assertValidationProblem(refused))
        .extracting(ProblemBody.Field::field)
        .containsExactly("url");
    assertThat(changed).hasStatusOk();
    assertThat(endpoints.find(user, own.id()).orElseThrow().description())
        .isEqualTo("from the page");
  }

  @Test
  void aSessionHasNoScope() {
    String session = session(user, false);

    assertProblem(
        call(
            HttpMethod.POST,
            "/api/events",
            session,
            "{\"userId\": \"%s\", \"type\": \"card.viewed\", \"data\": {}}".formatted(user)),
        HttpStatus.FORBIDDEN,
        "forbidden");
    assertProblem(get("/api/admin/recoveries/rcv_x", session), HttpStatus.FORBIDDEN, "forbidden");
    assertProblem(
        call(
            HttpMethod.POST,
            "/api/portal-sessions",
            session,
            "{\"userId\": \"%s\"}".formatted(user)),
        HttpStatus.FORBIDDEN,
        "forbidden");
  }

  @Test
  void aReadOnlySessionReads() {
    String session = session(user, true);

    assertThat(get("/api/webhooks", session)).hasStatusOk();
    assertThat(get("/api/webhooks/" + own.id(), session)).hasStatusOk();
    assertThat(get("/api/webhooks/" + own.id() + "/deliveries", session)).hasStatusOk();
    assertThat(get("/api/event-types", session)).hasStatusOk();
  }

  @ParameterizedTest
  @MethodSource("changes")
  void aReadOnlySessionChangesNothing(Change change) {
    String session = session(user, true);

    MvcTestResult refused =
        call(
            change.method(), change.path().replace("{endpoint}", own.id()), session, change.body());

    assertThat(assertProblem(refused, HttpStatus.FORBIDDEN, "forbidden").detail())
        .contains("read-only");
    Endpoint after = endpoints.find(user, own.id()).orElseThrow();
    assertThat(after.active()).isTrue();
    assertThat(after.updatedAt()).isEqualTo(own.updatedAt());
  }

  @Test
  void endingTheUsersSessionsRefusesTheirTokensAtOnceAndNoOneElses() {
    String session = session(user, false);
    String othersSession = session(TestData.newUser(), false);
    assertThat(get("/api/webhooks", session)).hasStatusOk();

    sessions.endAll(user);

    assertProblem(get("/api/webhooks", session), HttpStatus.UNAUTHORIZED, "unauthorized");
    assertThat(get("/api/webhooks", othersSession)).hasStatusOk();
  }

  @Test
  void anExpiredOrUnknownSessionTokenIs401() {
    String session = session(user, false);
    jdbc.sql(
            "update webhook_portal_sessions set expires_at = now() - interval '1 second',"
                + " code_expires_at = now() - interval '1 second' where user_id = :user")
        .param("user", user)
        .update();

    assertProblem(get("/api/webhooks", session), HttpStatus.UNAUTHORIZED, "unauthorized");
    assertProblem(
        get("/api/webhooks", "Bearer wps_" + "B".repeat(43)),
        HttpStatus.UNAUTHORIZED,
        "unauthorized");
  }
}
