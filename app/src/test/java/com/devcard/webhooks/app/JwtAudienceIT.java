package com.devcard.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.app.ApiClient.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** With {@code WEBHOOKS_JWT_AUDIENCE} set, a token must name that audience in {@code aud}. */
@ProductionApiTest
class JwtAudienceIT {

  final AppClient api;
  final TestTokens tokens;

  JwtAudienceIT(@Autowired AppClient api) {
    this.api = api;
    this.tokens = api.tokens();
  }

  @Test
  void aTokenNamingTheAudienceAsAStringOrInAnArrayIsAccepted() {
    assertThat(api.get("/api/webhooks", tokens.withAudience("u1", TestTokens.AUDIENCE)).status())
        .isEqualTo(200);
    assertThat(
            api.get("/api/webhooks", tokens.withAudience("u1", "crm", TestTokens.AUDIENCE))
                .status())
        .isEqualTo(200);
  }

  @Test
  void aTokenWithoutTheAudienceIs401() {
    for (String token :
        new String[] {
          tokens.withoutAudience("u1"),
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
