package com.devcard.webhooks.app.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.app.AppClient;
import com.devcard.webhooks.app.AppTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What the service answers for the page and its assets: the headers that keep it safe to embed. */
@AppTest
class PortalPageIT {

  static final String POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'";

  @Autowired AppClient app;

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  @Test
  void thePageAndEveryAssetCarryTheStrictPolicyAndNoFrameDenialOrCookie() throws Exception {
    for (String path :
        List.of(
            "/portal",
            "/portal/",
            "/portal/portal.css",
            "/portal/js/main.js",
            "/portal/favicon.svg")) {
      HttpResponse<String> response = get(path);

      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Security-Policy"))
          .as(path)
          .hasValue(POLICY);
      assertThat(response.headers().firstValue("X-Frame-Options")).as(path).isEmpty();
      assertThat(response.headers().firstValue("Set-Cookie")).as(path).isEmpty();
      assertThat(response.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
    }
    assertThat(get("/portal").headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(get("/portal/js/main.js").headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).contains("javascript"));
  }

  @Test
  void theApiKeepsDenyingFramesAndAnUnknownAssetIsAProblem() throws Exception {
    assertThat(get("/api/event-types").headers().firstValue("X-Frame-Options")).hasValue("DENY");

    HttpResponse<String> missing = get("/portal/js/nothing.js");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
  }
}
