package com.devcard.webhooks.api;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

/** Requests to the api under test, each with the bearer token of whoever sends it. */
public final class ApiCalls {

  private final MockMvcTester mvc;
  private final TestTokens tokens;

  public ApiCalls(MockMvcTester mvc, TestTokens tokens) {
    this.mvc = mvc;
    this.tokens = tokens;
  }

  /** As the user, with a plain user token. */
  public Caller as(String userId) {
    return withAuthorization(tokens.bearer(userId));
  }

  /** As an operator: a token with the admin scope. */
  public Caller asOperator() {
    return withAuthorization(tokens.bearer("operator", TestTokens.ADMIN));
  }

  /** As an application service reporting users' events: a token with the publish scope. */
  public Caller asPublisher() {
    return withAuthorization(tokens.bearer("reporter", TestTokens.PUBLISH));
  }

  /** With exactly this {@code Authorization} header. */
  public Caller withAuthorization(String authorization) {
    return new Caller(mvc, authorization);
  }

  /** With no {@code Authorization} header at all. */
  public Caller withoutToken() {
    return new Caller(mvc, null);
  }

  /** One sender's requests; {@code authorization} null sends none. */
  public record Caller(MockMvcTester mvc, String authorization) {

    public MvcTestResult get(String path) {
      return request(HttpMethod.GET, path).exchange();
    }

    public MvcTestResult post(String path) {
      return request(HttpMethod.POST, path).exchange();
    }

    public MvcTestResult postJson(String path, String json) {
      return request(HttpMethod.POST, path)
          .contentType(MediaType.APPLICATION_JSON)
          .content(json)
          .exchange();
    }

    public MvcTestResult delete(String path) {
      return request(HttpMethod.DELETE, path).exchange();
    }

    /** The request so far, for a test that adds to it before it is sent. */
    public MockMvcRequestBuilder request(HttpMethod method, String path) {
      MockMvcRequestBuilder request = mvc.method(method).uri(path);
      return authorization == null
          ? request
          : request.header(HttpHeaders.AUTHORIZATION, authorization);
    }
  }
}
