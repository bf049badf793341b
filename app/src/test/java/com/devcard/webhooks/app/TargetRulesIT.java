package com.devcard.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.testkit.WithWebhooksStack;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The production target rules (https only, no private addresses) through the API. */
@WithWebhooksStack
@SpringBootTest(
    classes = WebhooksApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"webhooks.allow-http=false", "webhooks.allow-private-targets=false"})
class TargetRulesIT {

  @LocalServerPort int port;

  @Value("${webhooks.jwt.secret}")
  String jwtSecret;

  ApiClient api;
  String token;

  @BeforeEach
  void setUp() {
    api = new ApiClient(port);
    token = new TestTokens(jwtSecret).user("user-" + UUID.randomUUID());
  }

  @Test
  void forbiddenTargetsInEveryEncodingAreRefusedAndNothingIsWritten() {
    List<String> forbidden =
        List.of(
            "https://127.0.0.1/hook",
            "https://127.1/hook",
            "https://2130706433/hook",
            "https://0x7f000001/hook",
            "https://017700000001/hook",
            "https://[::1]/hook",
            "https://[::ffff:127.0.0.1]/hook",
            "https://0.0.0.0/hook",
            "https://169.254.169.254/latest/meta-data",
            "https://[fd00:ec2::254]/hook",
            "https://100.64.0.1/hook",
            "https://10.0.0.1/hook",
            "https://192.168.1.1/hook",
            "https://localhost/hook",
            "http://93.184.216.34/hook",
            "https://user:pass@93.184.216.34/hook");
    for (String url : forbidden) {
      Response response =
          api.post(
              "/api/webhooks", token, "{\"url\": \"" + url + "\", \"events\": [\"card.viewed\"]}");
      assertThat(response.status()).as(url).isEqualTo(400);
      assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("url");
    }
    assertThat(api.get("/api/webhooks", token).json().get("items").size()).isZero();
  }

  @Test
  void aPublicHttpsAddressIsAccepted() {
    Response response =
        api.post(
            "/api/webhooks",
            token,
            "{\"url\": \"https://93.184.216.34/hook\", \"events\": [\"card.viewed\"]}");

    assertThat(response.status()).isEqualTo(201);
  }

  @Test
  void patchingToAForbiddenTargetIsRefused() {
    String id =
        api.post(
                "/api/webhooks",
                token,
                "{\"url\": \"https://93.184.216.34/hook\", \"events\": [\"card.viewed\"]}")
            .json()
            .get("id")
            .asString();

    Response response =
        api.patch("/api/webhooks/" + id, token, "{\"url\": \"https://10.1.2.3/x\"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(api.get("/api/webhooks/" + id, token).json().get("url").asString())
        .isEqualTo("https://93.184.216.34/hook");
  }
}
