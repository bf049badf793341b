package com.devcard.webhooks.api.portal;

import static com.devcard.webhooks.api.ProblemBody.assertProblem;
import static com.devcard.webhooks.api.ProblemBody.assertValidationProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.devcard.webhooks.api.ApiSliceTest;
import com.devcard.webhooks.api.ProblemBody.Field;
import com.devcard.webhooks.api.Responses;
import com.devcard.webhooks.api.TestData;
import com.devcard.webhooks.api.TestTokens;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Magic links made by the DevCard backend with scope {@code webhooks:portal}, each exchanged once,
 * within five minutes, for a session token of its user; every body read as strictly as the rest of
 * the API's.
 */
@ApiSliceTest
class PortalSessionRoutesTest {

  static final String PORTAL = "webhooks:portal";

  @Autowired MockMvcTester mvc;
  @Autowired TestTokens tokens;
  @Autowired JdbcClient jdbc;

  private final String user = TestData.newUser();

  private MvcTestResult link(String authorization, String body) {
    return mvc.post()
        .uri("/api/portal-sessions")
        .header(HttpHeaders.AUTHORIZATION, authorization)
        .contentType(MediaType.APPLICATION_JSON)
        .content(body)
        .exchange();
  }

  private MvcTestResult link(String body) {
    return link(tokens.bearer("devcard-backend", PORTAL), body);
  }

  private MvcTestResult endAll(String authorization, String userId) {
    MockMvcTester.MockMvcRequestBuilder request =
        mvc.delete().uri("/api/portal-sessions").header(HttpHeaders.AUTHORIZATION, authorization);
    return userId == null ? request.exchange() : request.param("userId", userId).exchange();
  }

  private MvcTestResult exchange(String body) {
    return mvc.post()
        .uri("/api/portal-sessions/exchange")
        .contentType(MediaType.APPLICATION_JSON)
        .content(body)
        .exchange();
  }

  private String codeOf(MvcTestResult link) {
    String url = Responses.read(link, "$.url");
    return url.substring(url.indexOf("#code=") + "#code=".length());
  }

  private String newCode(boolean readOnly) {
    return codeOf(link("{\"userId\": \"%s\", \"readOnly\": %s}".formatted(user, readOnly)));
  }

  private static String codeBody(String code) {
    return "{\"code\": \"" + code + "\"}";
  }

  @Test
  void theBackendGetsALinkToThePageWithASingleUseCodeInItsFragment() {
    Instant before = Instant.now();

    MvcTestResult link = link("{\"userId\": \"%s\"}".formatted(user));

    assertThat(link).hasStatus(HttpStatus.CREATED);
    assertThat(Responses.<String>read(link, "$.url"))
        .startsWith("http://localhost:8080/portal#code=");
    assertThat(codeOf(link)).matches("wpc_[A-Za-z0-9_-]{43}");
    assertThat(Responses.<String>read(link, "$.userId")).isEqualTo(user);
    assertThat(Responses.<Boolean>read(link, "$.readOnly")).isFalse();
    assertThat(Instant.parse(Responses.read(link, "$.expiresAt")))
        .isBetween(before.plus(Duration.ofMinutes(59)), before.plus(Duration.ofMinutes(61)));
  }

  @Test
  void theSessionLastsAsLongAsAskedAndIsReadOnlyWhenAsked() {
    Instant before = Instant.now();

    MvcTestResult link =
        link("{\"userId\": \"%s\", \"ttlSeconds\": 86400, \"readOnly\": true}".formatted(user));

    assertThat(link).hasStatus(HttpStatus.CREATED);
    assertThat(Responses.<Boolean>read(link, "$.readOnly")).isTrue();
    assertThat(Instant.parse(Responses.read(link, "$.expiresAt")))
        .isBetween(before.plus(Duration.ofHours(24)), before.plus(Duration.ofHours(25)));
  }

  @Test
  void makingOrEndingSessionsNeedsTheWebhooksPortalScope() {
    String body = "{\"userId\": \"%s\"}".formatted(user);

    assertProblem(
        mvc.post()
            .uri("/api/portal-sessions")
            .contentType(MediaType.APPLICATION_JSON)
            .content(body)
            .exchange(),
        HttpStatus.UNAUTHORIZED,
        "unauthorized");
    assertProblem(link(tokens.bearer(user), body), HttpStatus.FORBIDDEN, "forbidden");
    assertProblem(
        link(tokens.bearer("devcard-backend", TestTokens.PUBLISH), body),
        HttpStatus.FORBIDDEN,
        "forbidden");
    assertProblem(
        link(tokens.bearer("ops", TestTokens.ADMIN), body), HttpStatus.FORBIDDEN, "forbidden");
    assertProblem(endAll(tokens.bearer(user), user), HttpStatus.FORBIDDEN, "forbidden");
  }

  @Test
  void aBadBodyNamesEachWrongField() {
    assertThat(assertValidationProblem(link("{}")))
        .extracting(Field::field)
        .containsExactly("userId");
    assertThat(
            assertValidationProblem(
                link(
                    "{\"userId\": \"%s\", \"ttlSeconds\": 59, \"readOnly\": \"yes\", \"role\": 1}"
                        .formatted("u".repeat(129)))))
        .extracting(Field::field)
        .containsExactlyInAnyOrder("userId", "ttlSeconds", "readOnly", "role");
    assertThat(assertValidationProblem(link("{\"userId\": \"u\", \"ttlSeconds\": 86401}")))
        .extracting(Field::field)
        .containsExactly("ttlSeconds");
    assertThat(assertValidationProblem(link("{\"userId\": \"u\", \"ttlSeconds\": 600.5}")))
        .extracting(Field::field)
        .containsExactly("ttlSeconds");
    assertThat(assertValidationProblem(link("[]")))
        .extracting(Field::field)
        .containsExactly("body");
  }

  @Test
  void aUserIdWithAControlCharacterIsRefusedBeforeTheDatabase() {
    assertThat(assertValidationProblem(link("{\"userId\": \"u\\u0000x\"}")))
        .extracting(Field::field, Field::message)
        .containsExactly(tuple("userId", "must not contain control characters"));
    assertThat(assertValidationProblem(endAll(tokens.bearer("svc", PORTAL), "u\u0007x")))
        .extracting(Field::field)
        .containsExactly("userId");
  }

  @Test
  void endingNeedsAUserId() {
    String backend = tokens.bearer("devcard-backend", PORTAL);

    assertProblem(endAll(backend, null), HttpStatus.BAD_REQUEST, "validation-failed");
    assertThat(assertValidationProblem(endAll(backend, "")))
        .extracting(Field::field)
        .containsExactly("userId");
    assertThat(assertValidationProblem(endAll(backend, "u".repeat(129))))
        .extracting(Field::field)
        .containsExactly("userId");
    assertThat(endAll(backend, user)).hasStatus(HttpStatus.NO_CONTENT);
  }

  @Test
  void aCodeIsExchangedOnceForASessionTokenOfItsUser() {
    String code = newCode(true);

    MvcTestResult first = exchange(codeBody(code));
    MvcTestResult again = exchange(codeBody(code));

    assertThat(first).hasStatusOk();
    assertThat(Responses.<String>read(first, "$.token")).matches("wps_[A-Za-z0-9_-]{43}");
    assertThat(Responses.<String>read(first, "$.userId")).isEqualTo(user);
    assertThat(Responses.<Boolean>read(first, "$.readOnly")).isTrue();
    assertThat(Responses.<String>read(first, "$.expiresAt")).endsWith("Z");
    assertProblem(again, HttpStatus.GONE, "portal-link-invalid");
    assertThat(Responses.<String>read(again, "$.reason")).isEqualTo("used");
    assertThat(Responses.<String>read(again, "$.title")).isEqualTo("Link already used");
  }

  @Test
  void anUnknownExpiredOrRevokedCodeSaysWhy() {
    MvcTestResult unknown = exchange(codeBody("wpc_" + "A".repeat(43)));
    assertProblem(unknown, HttpStatus.NOT_FOUND, "portal-link-invalid");
    assertThat(Responses.<String>read(unknown, "$.reason")).isEqualTo("unknown");

    String expired = newCode(false);
    jdbc.sql(
            "update webhook_portal_sessions set code_expires_at = now() - interval '1 second'"
                + " where user_id = :user")
        .param("user", user)
        .update();
    MvcTestResult late = exchange(codeBody(expired));
    assertProblem(late, HttpStatus.GONE, "portal-link-invalid");
    assertThat(Responses.<String>read(late, "$.reason")).isEqualTo("expired");
    assertThat(Responses.<String>read(late, "$.detail")).contains("5 minutes");

    String revoked = newCode(false);
    assertThat(endAll(tokens.bearer("devcard-backend", PORTAL), user))
        .hasStatus(HttpStatus.NO_CONTENT);
    MvcTestResult ended = exchange(codeBody(revoked));
    assertProblem(ended, HttpStatus.GONE, "portal-link-invalid");
    assertThat(Responses.<String>read(ended, "$.reason")).isEqualTo("ended");
  }

  @Test
  void theExchangeReadsItsBodyStrictly() {
    assertThat(assertValidationProblem(exchange("{}")))
        .extracting(Field::field)
        .containsExactly("code");
    assertThat(assertValidationProblem(exchange("{\"code\": {\"value\": 1}}")))
        .extracting(Field::field)
        .containsExactly("code");
    assertThat(assertValidationProblem(exchange(codeBody("wpc_" + "A".repeat(300)))))
        .extracting(Field::field)
        .containsExactly("code");
    assertThat(assertValidationProblem(exchange("{\"code\": \"wpc_x\", \"userId\": \"u\"}")))
        .extracting(Field::field)
        .containsExactly("userId");
    assertProblem(exchange("{\"code\": "), HttpStatus.BAD_REQUEST, "malformed-json");
    // No code holds a NUL, and the database never sees one: the code is hashed first.
    assertProblem(exchange(codeBody("wpc_\\u0000")), HttpStatus.NOT_FOUND, "portal-link-invalid");
  }

  @Test
  void theExchangeNeedsNoTokenButRefusesABadOne() {
    String code = newCode(false);

    assertProblem(
        mvc.post()
            .uri("/api/portal-sessions/exchange")
            .header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token")
            .contentType(MediaType.APPLICATION_JSON)
            .content(codeBody(code))
            .exchange(),
        HttpStatus.UNAUTHORIZED,
        "unauthorized");
    assertThat(exchange(codeBody(code))).hasStatusOk();
  }
}
