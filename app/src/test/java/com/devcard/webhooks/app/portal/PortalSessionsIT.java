package com.devcard.webhooks.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.app.ApiClient;
import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.app.AppTest;
import com.devcard.webhooks.app.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The portal's session routes and its session tokens on the REST API: magic links made by the
 * DevCard backend, the single exchange of their code, and a session that acts as its user, no more.
 */
@AppTest
class PortalSessionsIT {

  @LocalServerPort int port;

  @Value("${webhooks.jwt.secret}")
  String jwtSecret;

  @Autowired JdbcClient jdbc;

  ApiClient api;
  TestTokens tokens;
  String backend;
  String user;

  @BeforeEach
  void setUp() {
    api = new ApiClient(port);
    tokens = new TestTokens(jwtSecret);
    backend = tokens.withScope("devcard-backend", "events:publish webhooks:portal");
    user = "user-" + UUID.randomUUID();
  }

  private Response link(String userId, boolean readOnly) {
    return api.post(
        "/api/portal-sessions",
        backend,
        "{\"userId\": \"%s\", \"ttlSeconds\": 3600, \"readOnly\": %s}".formatted(userId, readOnly));
  }

  private static String codeOf(Response link) {
    String url = link.json().get("url").asString();
    return url.substring(url.indexOf("#code=") + "#code=".length());
  }

  private Response exchange(String code) {
    return api.post("/api/portal-sessions/exchange", null, "{\"code\": \"" + code + "\"}");
  }

  /** A session token of {@code userId}, through a magic link. */
  private String session(String userId, boolean readOnly) {
    Response exchanged = exchange(codeOf(link(userId, readOnly)));
    assertThat(exchanged.status()).isEqualTo(200);
    return exchanged.json().get("token").asString();
  }

  private static void assertProblem(Response response, int status, String typeSuffix) {
    assertThat(response.status()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.problemType()).endsWith(typeSuffix);
    assertThat(response.json().get("title").asString()).isNotBlank();
    assertThat(response.json().get("detail").asString()).isNotBlank();
  }

  private static List<String> fields(Response problem) {
    List<String> fields = new ArrayList<>();
    for (JsonNode error : problem.json().get("errors")) {
      fields.add(error.get("field").asString());
    }
    return fields;
  }

  @Test
  void theBackendGetsAMagicLinkToThePageWithASingleUseCode() {
    Instant before = Instant.now();

    Response link = link(user, false);

    assertThat(link.status()).isEqualTo(201);
    assertThat(link.json().get("url").asString()).startsWith("http://localhost:8080/portal#code=");
    assertThat(codeOf(link)).matches("wpc_[A-Za-z0-9_-]{43}");
    assertThat(link.json().get("userId").asString()).isEqualTo(user);
    assertThat(link.json().get("readOnly").asBoolean()).isFalse();
    assertThat(Instant.parse(link.json().get("expiresAt").asString()))
        .isBetween(before.plus(Duration.ofMinutes(59)), before.plus(Duration.ofMinutes(61)));
  }

  @Test
  void makingOrEndingSessionsNeedsTheWebhooksPortalScope() {
    String body = "{\"userId\": \"" + user + "\"}";
    assertProblem(api.post("/api/portal-sessions", null, body), 401, "/unauthorized");
    assertProblem(api.post("/api/portal-sessions", tokens.user(user), body), 403, "/forbidden");
    assertProblem(
        api.post("/api/portal-sessions", tokens.withScope("svc", "events:publish"), body),
        403,
        "/forbidden");
    assertProblem(
        api.delete("/api/portal-sessions?userId=" + user, tokens.user(user)), 403, "/forbidden");
  }

  @Test
  void aBadRequestNamesEachWrongField() {
    Response missing = api.post("/api/portal-sessions", backend, "{}");
    assertProblem(missing, 400, "/validation-failed");
    assertThat(fields(missing)).containsExactly("userId");

    Response wrong =
        api.post(
            "/api/portal-sessions",
            backend,
            "{\"userId\": \"%s\", \"ttlSeconds\": 59, \"readOnly\": \"yes\", \"role\": \"admin\"}"
                .formatted("u".repeat(129)));
    assertProblem(wrong, 400, "/validation-failed");
    assertThat(fields(wrong)).containsExactlyInAnyOrder("userId", "ttlSeconds", "readOnly", "role");

    assertThat(
            fields(
                api.post(
                    "/api/portal-sessions", backend, "{\"userId\": \"u\", \"ttlSeconds\": 86401}")))
        .containsExactly("ttlSeconds");
    assertThat(
            api.post(
                    "/api/portal-sessions",
                    backend,
                    "{\"userId\": \"u\", \"ttlSeconds\": 86400, \"readOnly\": true}")
                .status())
        .isEqualTo(201);
    assertProblem(api.delete("/api/portal-sessions", backend), 400, "/validation-failed");
  }

  @Test
  void aCodeIsExchangedOnceForASessionTokenOfItsUser() {
    String code = codeOf(link(user, true));

    Response first = exchange(code);
    Response again = exchange(code);

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().get("token").asString()).matches("wps_[A-Za-z0-9_-]{43}");
    assertThat(first.json().get("userId").asString()).isEqualTo(user);
    assertThat(first.json().get("readOnly").asBoolean()).isTrue();
    assertThat(first.json().get("expiresAt").asString()).endsWith("Z");
    assertProblem(again, 410, "/portal-link-invalid");
    assertThat(again.json().get("reason").asString()).isEqualTo("used");
    assertThat(again.json().get("title").asString()).isEqualTo("Link already used");
  }

  @Test
  void anUnknownExpiredOrMissingCodeIsAClearProblem() {
    Response unknown = exchange("wpc_" + "A".repeat(43));
    assertProblem(unknown, 404, "/portal-link-invalid");
    assertThat(unknown.json().get("reason").asString()).isEqualTo("unknown");

    String code = codeOf(link(user, false));
    jdbc.sql(
            "update webhook_portal_sessions set code_expires_at = now() - interval '1 second'"
                + " where user_id = :user")
        .param("user", user)
        .update();
    Response expired = exchange(code);
    assertProblem(expired, 410, "/portal-link-invalid");
    assertThat(expired.json().get("reason").asString()).isEqualTo("expired");
    assertThat(expired.json().get("detail").asString()).contains("5 minutes");

    assertProblem(api.post("/api/portal-sessions/exchange", null, "{}"), 400, "/validation-failed");
    assertProblem(
        api.post("/api/portal-sessions/exchange", null, "{\"code\": "), 400, "/malformed-json");
  }

  @Test
  void aSessionActsAsItsUserOnTheSameRoutesAndSeesNoOtherUsersData() {
    String own =
        api.post(
                "/api/webhooks",
                tokens.user(user),
                "{\"url\": \"http://127.0.0.1:9/a\", \"events\": [\"card.viewed\"]}")
            .json()
            .get("id")
            .asString();
    String other = "user-" + UUID.randomUUID();
    String others =
        api.post(
                "/api/webhooks",
                tokens.user(other),
                "{\"url\": \"http://127.0.0.1:9/b\", \"events\": [\"card.viewed\"]}")
            .json()
            .get("id")
            .asString();
    String session = session(user, false);

    Response list = api.get("/api/webhooks", session);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().get("items")).hasSize(1);
    assertThat(list.json().get("items").get(0).get("id").asString()).isEqualTo(own);

    assertProblem(api.get("/api/webhooks/" + others, session), 404, "/not-found");
    assertProblem(api.get("/api/webhooks/" + others + "/deliveries", session), 404, "/not-found");
    assertProblem(
        api.patch("/api/webhooks/" + others, session, "{\"description\": \"mine\"}"),
        404,
        "/not-found");
    assertProblem(api.delete("/api/webhooks/" + others, session), 404, "/not-found");

    Response created =
        api.post(
            "/api/webhooks",
            session,
            "{\"url\": \"http://127.0.0.1:9/c\", \"events\": [\"contact.saved\"]}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(api.get("/api/webhooks", tokens.user(user)).json().get("items")).hasSize(2);
  }

  @Test
  void aSessionHasNoScope() {
    String session = session(user, false);

    assertProblem(
        api.post(
            "/api/events",
            session,
            "{\"userId\": \"%s\", \"type\": \"card.viewed\", \"data\": {}}".formatted(user)),
        403,
        "/forbidden");
    assertProblem(api.post("/api/admin/recover", session, "{}"), 403, "/forbidden");
    assertProblem(
        api.post("/api/portal-sessions", session, "{\"userId\": \"" + user + "\"}"),
        403,
        "/forbidden");
  }

  @Test
  void aReadOnlySessionReadsButEveryChangeIsForbidden() {
    String id =
        api.post(
                "/api/webhooks",
                tokens.user(user),
                "{\"url\": \"http://127.0.0.1:9/r\", \"events\": [\"card.viewed\"]}")
            .json()
            .get("id")
            .asString();
    String session = session(user, true);

    assertThat(api.get("/api/webhooks", session).status()).isEqualTo(200);
    assertThat(api.get("/api/webhooks/" + id + "/deliveries", session).status()).isEqualTo(200);
    assertThat(api.get("/api/event-types", session).status()).isEqualTo(200);

    List<Response> changes =
        List.of(
            api.post(
                "/api/webhooks",
                session,
                "{\"url\": \"http://127.0.0.1:9/x\", \"events\": [\"card.viewed\"]}"),
            api.patch("/api/webhooks/" + id, session, "{\"isActive\": false}"),
            api.post("/api/webhooks/" + id + "/test", session, "{}"),
            api.post("/api/webhooks/" + id + "/rotate-secret", session, "{}"),
            api.post(
                "/api/webhooks/" + id + "/recover",
                session,
                "{\"since\": \"2026-01-01T00:00:00Z\"}"),
            api.delete("/api/webhooks/" + id, session));
    for (Response change : changes) {
      assertProblem(change, 403, "/forbidden");
      assertThat(change.json().get("detail").asString()).contains("read-only");
    }
    JsonNode endpoint = api.get("/api/webhooks/" + id, tokens.user(user)).json();
    assertThat(endpoint.get("isActive").asBoolean()).isTrue();
  }

  @Test
  void endingAUsersSessionsTakesEffectAtOnceForTokensAndUnopenedLinks() {
    String session = session(user, false);
    String unopened = codeOf(link(user, false));
    String otherUsers = session("user-" + UUID.randomUUID(), false);
    assertThat(api.get("/api/webhooks", session).status()).isEqualTo(200);

    Response ended = api.delete("/api/portal-sessions?userId=" + user, backend);

    assertThat(ended.status()).isEqualTo(204);
    assertProblem(api.get("/api/webhooks", session), 401, "/unauthorized");
    Response late = exchange(unopened);
    assertProblem(late, 410, "/portal-link-invalid");
    assertThat(late.json().get("reason").asString()).isEqualTo("ended");
    assertThat(api.get("/api/webhooks", otherUsers).status()).isEqualTo(200);
    assertThat(session(user, false)).isNotEqualTo(session);
  }

  @Test
  void anExpiredOrUnknownSessionTokenIs401() {
    String session = session(user, false);
    jdbc.sql(
            "update webhook_portal_sessions set expires_at = now() - interval '1 second',"
                + " code_expires_at = now() - interval '1 second' where user_id = :user")
        .param("user", user)
        .update();

    assertProblem(api.get("/api/webhooks", session), 401, "/unauthorized");
    assertProblem(api.get("/api/webhooks", "wps_" + "B".repeat(43)), 401, "/unauthorized");
  }

  @Test
  void theDatabaseHoldsNoCodeOrTokenInClear() {
    Response link = link(user, false);
    String code = codeOf(link);
    String token = exchange(code).json().get("token").asString();

    String dump =
        jdbc.sql(
                "select string_agg(t::text, ' ') from webhook_portal_sessions t"
                    + " where user_id = :user")
            .param("user", user)
            .query(String.class)
            .single();

    assertThat(dump)
        .contains(user)
        .doesNotContain(code, token, code.substring(4), token.substring(4));
  }
}
