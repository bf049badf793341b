package com.devcard.webhooks.api.error;

import static com.devcard.webhooks.api.ProblemBody.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.api.ApiSliceTest;
import com.devcard.webhooks.api.TestData;
import com.devcard.webhooks.api.TestTokens;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/**
 * Bodies over the route's limit are 413 (64 KiB in general, 256 KiB for events), whether the length
 * is announced or only found while reading.
 */
@ApiSliceTest
class BodyLimitTest {

  private static final int KIB = 1024;

  @Autowired MockMvcTester mvc;
  @Autowired TestTokens tokens;
  @Autowired EndpointRepository endpoints;

  private final String user = TestData.newUser();

  private static byte[] endpointWithDescriptionOf(int length) {
    return ("{\"url\": \"https://hooks.test/in\", \"events\": [\"card.viewed\"], \"description\": \""
            + "x".repeat(length)
            + "\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] eventWithDataOf(int length) {
    return ("{\"userId\": \"u_1\", \"type\": \"card.viewed\", \"data\": {\"note\": \""
            + "x".repeat(length)
            + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private MvcTestResult post(String path, String authorization, byte[] body) {
    return mvc.post()
        .uri(path)
        .header(HttpHeaders.AUTHORIZATION, authorization)
        .contentType(MediaType.APPLICATION_JSON)
        .content(body)
        .exchange();
  }

  /** The same request without a Content-Length, as a chunked upload arrives. */
  private MvcTestResult postChunked(String path, String authorization, byte[] body) {
    RequestBuilder chunked =
        servletContext -> {
          MockHttpServletRequest request =
              new MockHttpServletRequest(servletContext, "POST", path) {
                @Override
                public int getContentLength() {
                  return -1;
                }

                @Override
                public long getContentLengthLong() {
                  return -1;
                }
              };
          request.addHeader(HttpHeaders.AUTHORIZATION, authorization);
          request.setContentType(MediaType.APPLICATION_JSON_VALUE);
          request.setContent(body);
          return request;
        };
    return mvc.perform(chunked);
  }

  @Test
  void anAnnouncedBodyOverTheLimitIsRefusedAndNothingIsWritten() {
    MvcTestResult result =
        post("/api/webhooks", tokens.bearer(user), endpointWithDescriptionOf(70 * KIB));

    assertProblem(result, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large");
    assertThat(endpoints.listByUser(user)).isEmpty();
  }

  @Test
  void aChunkedBodyIsCutOffAtTheLimitWhileItIsRead() {
    MvcTestResult result =
        postChunked("/api/webhooks", tokens.bearer(user), endpointWithDescriptionOf(70 * KIB));

    assertProblem(result, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large");
    assertThat(endpoints.listByUser(user)).isEmpty();
  }

  @Test
  void aChunkedBodyUnderTheLimitIsReadWhole() {
    MvcTestResult result =
        postChunked("/api/webhooks", tokens.bearer(user), endpointWithDescriptionOf(10));

    assertThat(result).hasStatus(HttpStatus.CREATED);
  }

  @Test
  void eventsMayCarryMoreThanOtherRoutes() {
    String publisher = tokens.bearer("reporter", TestTokens.PUBLISH);

    assertThat(post("/api/events", publisher, eventWithDataOf(200 * KIB)))
        .hasStatus(HttpStatus.ACCEPTED);
    assertProblem(
        post("/api/events", publisher, eventWithDataOf(260 * KIB)),
        HttpStatus.CONTENT_TOO_LARGE,
        "payload-too-large");
    assertProblem(
        postChunked("/api/events", publisher, eventWithDataOf(260 * KIB)),
        HttpStatus.CONTENT_TOO_LARGE,
        "payload-too-large");
  }
}
