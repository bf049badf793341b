package com.devcard.webhooks.api.secret;

import static com.devcard.webhooks.api.ProblemBody.assertValidationProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.api.ApiSliceTest;
import com.devcard.webhooks.api.ProblemBody.Field;
import com.devcard.webhooks.api.Responses;
import com.devcard.webhooks.api.TestData;
import com.devcard.webhooks.api.TestTokens;
import com.devcard.webhooks.store.endpoint.Endpoint;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** A new secret, the previous one signing on until the grace period ends. */
@ApiSliceTest
class RotateSecretRouteTest {

  @Autowired MockMvcTester mvc;
  @Autowired TestTokens tokens;
  @Autowired TestData data;

  private final String user = TestData.newUser();
  private Endpoint endpoint;

  @BeforeEach
  void anEndpoint() {
    endpoint = data.endpoint(user, "card.viewed");
  }

  private MockMvcTester.MockMvcRequestBuilder rotate() {
    return mvc.post()
        .uri("/api/webhooks/" + endpoint.id() + "/rotate-secret")
        .header(HttpHeaders.AUTHORIZATION, tokens.bearer(user));
  }

  private static Duration graceOf(MvcTestResult result, Instant before) {
    Instant expires = Instant.parse(Responses.read(result, "$.previousSecretExpiresAt"));
    return Duration.between(before, expires);
  }

  @Test
  void withoutABodyThePreviousSecretSignsForADay() {
    Instant before = Instant.now();

    MvcTestResult rotated = rotate().exchange();

    assertThat(rotated).hasStatusOk();
    assertThat(Responses.<String>read(rotated, "$.secret")).startsWith("whsec_");
    assertThat(graceOf(rotated, before)).isBetween(Duration.ofHours(24), Duration.ofHours(25));
  }

  @Test
  void theGraceAskedForIsKept() {
    Instant before = Instant.now();

    MvcTestResult rotated =
        rotate()
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"graceSeconds\": 3600}")
            .exchange();

    assertThat(graceOf(rotated, before)).isBetween(Duration.ofMinutes(59), Duration.ofMinutes(61));
  }

  @Test
  void aGraceOverAWeekIsRefused() {
    MvcTestResult rotated =
        rotate()
            .contentType(MediaType.APPLICATION_JSON)
            .content("{\"graceSeconds\": 604801}")
            .exchange();

    assertThat(assertValidationProblem(rotated))
        .extracting(Field::field)
        .containsExactly("graceSeconds");
  }
}
