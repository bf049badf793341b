package com.devcard.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.app.ApiClient.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The production target rules (https only, no private addresses) through the API. */
@ProductionApiTest
class TargetRulesIT {

  final AppClient app;
  final String token;

  TargetRulesIT(@Autowired AppClient app) {
    this.app = app;
    this.token = app.newUser().token();
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
          app.post(
              "/api/webhooks", token, "{\"url\": \"" + url + "\", \"events\": [\"card.viewed\"]}");
      assertThat(response.status()).as(url).isEqualTo(400);
      assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("url");
    }
    assertThat(app.get("/api/webhooks", token).json().get("items").size()).isZero();
  }

  @Test
  void aPublicHttpsAddressIsAccepted() {
    Response response =
        app.post(
            "/api/webhooks",
            token,
            "{\"url\": \"https://93.184.216.34/hook\", \"events\": [\"card.viewed\"]}");

    assertThat(response.status()).isEqualTo(201);
  }

  @Test
  void patchingToAForbiddenTargetIsRefused() {
    String id =
        app.post(
                "/api/webhooks",
                token,
                "{\"url\": \"https://93.184.216.34/hook\", \"events\": [\"card.viewed\"]}")
            .json()
            .get("id")
            .asString();

    Response response =
        app.patch("/api/webhooks/" + id, token, "{\"url\": \"https://10.1.2.3/x\"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(app.get("/api/webhooks/" + id, token).json().get("url").asString())
        .isEqualTo("https://93.184.216.34/hook");
  }
}
