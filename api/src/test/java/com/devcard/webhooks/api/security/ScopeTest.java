package com.devcard.webhooks.api.security;

import static com.devcard.webhooks.api.ProblemBody.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.api.ApiSliceTest;
import com.devcard.webhooks.api.TestData;
import com.devcard.webhooks.api.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Scopes: {@code events:publish} for reporting events, {@code webhooks:admin} for the operator
 * routes; a valid token without the scope is 403. A user's own resources need no scope.
 */
@ApiSliceTest
class ScopeTest {

  private static final String EVENT =
      """
      {"userId": "u_42", "type": "card.viewed", "data": {"cardId": "c_7"}}
      """;

  @Autowired MockMvcTester mvc;
  @Autowired TestTokens tokens;

  private final String user = TestData.newUser();

  private MvcTestResult reportEvent(String authorization) {
    return mvc.post()
        .uri("/api/events")
        .header(HttpHeaders.AUTHORIZATION, authorization)
        .contentType(MediaType.APPLICATION_JSON)
        .content(EVENT)
        .exchange();
  }

  private MvcTestResult readOperatorRecovery(String authorization) {
    return mvc.get()
        .uri("/api/admin/recoveries/rcv_unknown")
        .header(HttpHeaders.AUTHORIZATION, authorization)
        .exchange();
  }

  @Test
  void aTokenWithoutThePublishScopeIsForbidden() {
    assertProblem(reportEvent(tokens.bearer(user)), HttpStatus.FORBIDDEN, "forbidden");
  }

  @Test
  void aTokenWithThePublishScopeMayReportEvents() {
    assertThat(reportEvent(tokens.bearer("reporter", TestTokens.PUBLISH)))
        .hasStatus(HttpStatus.ACCEPTED);
  }

  @Test
  void theAdminScopeDoesNotGrantPublishing() {
    assertProblem(
        reportEvent(tokens.bearer(user, TestTokens.ADMIN)), HttpStatus.FORBIDDEN, "forbidden");
  }

  @Test
  void aTokenWithoutTheAdminScopeIsForbiddenOnEveryOperatorRoute() {
    String plain = tokens.bearer(user, TestTokens.PUBLISH);

    assertProblem(readOperatorRecovery(plain), HttpStatus.FORBIDDEN, "forbidden");
    assertProblem(
        mvc.post()
            .uri("/api/admin/deliveries/dlv_unknown/cancel")
            .header(HttpHeaders.AUTHORIZATION, plain)
            .exchange(),
        HttpStatus.FORBIDDEN,
        "forbidden");
    assertProblem(
        mvc.post()
            .uri("/api/admin/recover")
            .header(HttpHeaders.AUTHORIZATION, plain)
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"all\": true}")
            .exchange(),
        HttpStatus.FORBIDDEN,
        "forbidden");
    assertProblem(
        mvc.post()
            .uri("/api/admin/master-key/re-encrypt")
            .header(HttpHeaders.AUTHORIZATION, plain)
            .exchange(),
        HttpStatus.FORBIDDEN,
        "forbidden");
  }

  @Test
  void aTokenWithTheAdminScopeReachesOperatorRoutes() {
    assertProblem(
        readOperatorRecovery(tokens.bearer(user, TestTokens.ADMIN)),
        HttpStatus.NOT_FOUND,
        "not-found");
  }

  @Test
  void scopesAreSpaceSeparated() {
    String both = tokens.bearer(user, TestTokens.PUBLISH + " " + TestTokens.ADMIN);

    assertThat(reportEvent(both)).hasStatus(HttpStatus.ACCEPTED);
    assertProblem(readOperatorRecovery(both), HttpStatus.NOT_FOUND, "not-found");
  }

  @Test
  void aPlainUserTokenNeedsNoScopeForItsOwnEndpoints() {
    assertThat(
            mvc.get()
                .uri("/api/webhooks")
                .header(HttpHeaders.AUTHORIZATION, tokens.bearer(user))
                .exchange())
        .hasStatusOk();
  }
}
