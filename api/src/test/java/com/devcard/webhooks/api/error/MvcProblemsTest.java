package com.devcard.webhooks.api.error;

import static com.devcard.webhooks.api.ProblemBody.assertProblem;
import static com.devcard.webhooks.api.ProblemBody.assertValidationProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.api.ApiSliceTest;
import com.devcard.webhooks.api.ProblemBody.Field;
import com.devcard.webhooks.api.TestData;
import com.devcard.webhooks.api.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Failures found before a controller runs are problems with stable types too, never 5xx. */
@ApiSliceTest
class MvcProblemsTest {

  @Autowired MockMvcTester mvc;
  @Autowired TestTokens tokens;

  private final String user = TestData.newUser();

  private MvcTestResult createEndpoint(MediaType contentType, String body) {
    return mvc.post()
        .uri("/api/webhooks")
        .header(HttpHeaders.AUTHORIZATION, tokens.bearer(user))
        .contentType(contentType)
        .content(body)
        .exchange();
  }

  @Test
  void aTruncatedBodyIsMalformedJson() {
    assertProblem(
        createEndpoint(MediaType.APPLICATION_JSON, "{\"url\": "),
        HttpStatus.BAD_REQUEST,
        "malformed-json");
  }

  @Test
  void aDuplicateKeyIsMalformedJsonRatherThanAnOverwrite() {
    assertProblem(
        createEndpoint(MediaType.APPLICATION_JSON, "{\"url\": \"a\", \"url\": \"b\"}"),
        HttpStatus.BAD_REQUEST,
        "malformed-json");
  }

  @Test
  void anEmptyBodyIsAProblemToo() {
    assertProblem(
        createEndpoint(MediaType.APPLICATION_JSON, ""), HttpStatus.BAD_REQUEST, "malformed-json");
  }

  @Test
  void aFieldOfTheWrongTypeIsNamedWithItsPath() {
    MvcTestResult result =
        createEndpoint(
            MediaType.APPLICATION_JSON,
            "{\"url\": \"https://hooks.test/in\", \"events\": [\"card.viewed\", {\"a\": 1}]}");

    assertThat(assertValidationProblem(result))
        .containsExactly(new Field("events[1]", "has the wrong type"));
  }

  @Test
  void anUnknownFieldIsNamed() {
    MvcTestResult result =
        createEndpoint(
            MediaType.APPLICATION_JSON,
            "{\"url\": \"https://hooks.test/in\", \"events\": [\"card.viewed\"], \"colour\": 1}");

    assertThat(assertValidationProblem(result))
        .containsExactly(new Field("colour", "is not a known field"));
  }

  @Test
  void aWrongContentTypeIsUnsupportedMediaType() {
    assertProblem(
        createEndpoint(MediaType.TEXT_PLAIN, "hello"),
        HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        "unsupported-media-type");
  }

  @Test
  void aWrongMethodIsMethodNotAllowed() {
    assertProblem(
        mvc.put()
            .uri("/api/webhooks")
            .header(HttpHeaders.AUTHORIZATION, tokens.bearer(user))
            .contentType(MediaType.APPLICATION_JSON)
            .content("{}")
            .exchange(),
        HttpStatus.METHOD_NOT_ALLOWED,
        "method-not-allowed");
  }

  @Test
  void anUnknownRouteIsNotFound() {
    assertProblem(
        mvc.get()
            .uri("/api/nothing-here")
            .header(HttpHeaders.AUTHORIZATION, tokens.bearer(user))
            .exchange(),
        HttpStatus.NOT_FOUND,
        "not-found");
  }

  @Test
  void aQueryParameterOfTheWrongTypeIsNamed() {
    MvcTestResult result =
        mvc.get()
            .uri("/api/webhooks/ep_any/deliveries?limit=twenty")
            .header(HttpHeaders.AUTHORIZATION, tokens.bearer(user))
            .exchange();

    assertThat(assertValidationProblem(result)).extracting(Field::field).containsExactly("limit");
  }
}
