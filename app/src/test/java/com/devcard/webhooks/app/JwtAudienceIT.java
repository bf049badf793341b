package com.devcard.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.testkit.WithWebhooksStack;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** With {@code WEBHOOKS_JWT_AUDIENCE} set, a token must name that audience in {@code aud}. */
@WithWebhooksStack
@SpringBootTest(
    classes = WebhooksApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "webhooks.allow-http=true",
      "webhooks.allow-private-targets=true",
      "webhooks.jwt.audience=devcard-webhooks"
    })
class JwtAudienceIT {

  @LocalServerPort int port;

  @Value("${webhooks.jwt.secret}")
  String jwtSecret;

  ApiClient api;
  TestTokens tokens;

  @BeforeEach
  void setUp() {
    api = new ApiClient(port);
    tokens = new TestTokens(jwtSecret);
  }

  @Test
  void aTokenNamingTheAudienceAsAStringOrInAnArrayIsAccepted() {
    assertThat(api.get("/api/webhooks", tokens.withAudience("u1", "devcard-webhooks")).status())
        .isEqualTo(200);
    assertThat(
            api.get("/api/webhooks", tokens.withAudience("u1", "crm", "devcard-webhooks")).status())
        .isEqualTo(200);
  }

  @Test
  void aTokenWithoutTheAudienceIs401() {
    for (String token :
        new String[] {
          tokens.user("u1"),
          tokens.withAudience("u1", "crm"),
          tokens.withAudience("u1", "crm", "billing"),
          tokens.withAudience("u1", "devcard-webhooks-staging")
        }) {
      Response response = api.get("/api/webhooks", token);

      assertThat(response.status()).isEqualTo(401);
      assertThat(response.contentType()).startsWith("application/problem+json");
      assertThat(response.problemType()).endsWith("/unauthorized");
    }
  }
}
