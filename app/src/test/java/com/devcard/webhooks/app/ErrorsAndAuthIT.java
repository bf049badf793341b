package com.devcard.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.app.ApiClient.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Tokens, scopes, and a problem+json answer for every kind of failure. */
@AppTest
class ErrorsAndAuthIT {

  final AppClient app;
  final TestTokens tokens;
  final String token;

  ErrorsAndAuthIT(@Autowired AppClient app) {
    this.app = app;
    this.tokens = app.tokens();
    this.token = app.newUser().token();
  }

  private static void assertProblem(Response response, int status, String typeSuffix) {
    assertThat(response.status()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("status").asInt()).isEqualTo(status);
    assertThat(response.json().has("title")).isTrue();
    assertThat(response.json().has("detail")).isTrue();
    assertThat(response.problemType()).endsWith(typeSuffix);
    assertThat(response.body()).doesNotContainIgnoringCase("exception").doesNotContain("at com.");
  }

  @Test
  void missingMalformedExpiredOrBadlySignedTokensAre401() {
    assertProblem(app.get("/api/webhooks", null), 401, "/unauthorized");
    assertProblem(app.get("/api/webhooks", "not-a-jwt"), 401, "/unauthorized");
    assertProblem(app.get("/api/webhooks", tokens.expired("u1")), 401, "/unauthorized");
    assertProblem(
        app.get("/api/webhooks", tokens.signedWith("another-secret-of-at-least-32-bytes!!", "u1")),
        401,
        "/unauthorized");
    assertProblem(app.get("/api/webhooks", tokens.sign("u1", null, null)), 401, "/unauthorized");
    assertProblem(
        app.get("/api/webhooks", tokens.sign("", null, Instant.now().plusSeconds(60))),
        401,
        "/unauthorized");
    assertProblem(
        app.get("/api/webhooks", tokens.sign("u".repeat(129), null, Instant.now().plusSeconds(60))),
        401,
        "/unauthorized");
  }

  @Test
  void withoutAnAudienceSettingTokensWithAnyAudienceOrNoneAreAccepted() {
    assertThat(app.get("/api/webhooks", tokens.withAudience("u1", "someone-else")).status())
        .isEqualTo(200);
    assertThat(app.get("/api/webhooks", tokens.withAudience("u1", "a", "b")).status())
        .isEqualTo(200);
    assertThat(app.get("/api/webhooks", tokens.withoutAudience("u1")).status()).isEqualTo(200);
  }

  @Test
  void unsignedAlgNoneTokenIs401() {
    String header =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
    String claims =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                ("{\"sub\":\"u1\",\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}")
                    .getBytes(StandardCharsets.UTF_8));
    assertProblem(app.get("/api/webhooks", header + "." + claims + "."), 401, "/unauthorized");
  }

  @Test
  void validTokenWithoutTheNeededScopeIs403() {
    assertProblem(
        app.post(
            "/api/events", token, "{\"userId\": \"u1\", \"type\": \"card.viewed\", \"data\": {}}"),
        403,
        "/forbidden");
    assertProblem(app.post("/api/admin/recover", token, "{}"), 403, "/forbidden");
  }

  @Test
  void unknownRouteIs404Problem() {
    assertProblem(app.get("/api/nothing-here", token), 404, "/not-found");
  }

  @Test
  void wrongMethodIs405Problem() {
    assertProblem(
        app.raw("PUT", "/api/webhooks", token, "application/json", "{}".getBytes()),
        405,
        "/method-not-allowed");
  }

  @Test
  void wrongContentTypeIs415Problem() {
    assertProblem(
        app.raw("POST", "/api/webhooks", token, "text/plain", "hello".getBytes()),
        415,
        "/unsupported-media-type");
  }

  @Test
  void malformedJsonIs400Problem() {
    assertProblem(app.post("/api/webhooks", token, "{\"url\": "), 400, "/malformed-json");
    assertProblem(app.post("/api/webhooks", token, "{\"a\":1,\"a\":2}"), 400, "/malformed-json");
  }

  @Test
  void overLongBodyIs413Problem() {
    byte[] huge =
        ("{\"description\": \"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    assertProblem(
        app.raw("POST", "/api/webhooks", token, "application/json", huge),
        413,
        "/payload-too-large");
    assertThat(app.get("/api/webhooks", token).json().get("items").size()).isZero();
  }

  @Test
  void healthIsUpWithDatabaseAndTemporal() {
    Response health = app.get("/actuator/health", null);

    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").asString()).isEqualTo("UP");
    assertThat(health.json().at("/components/db/status").asString()).isEqualTo("UP");
    assertThat(health.json().at("/components/temporal/status").asString()).isEqualTo("UP");
  }

  @Test
  void openApiDocumentDescribesTheRoutes() {
    Response docs = app.get("/v3/api-docs", null);

    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.body()).contains("/api/webhooks", "/api/events");
  }
}
