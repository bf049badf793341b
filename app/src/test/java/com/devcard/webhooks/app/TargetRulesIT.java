package com.devcard.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.netguard.AddressRule;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

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
  void aNameThatDoesNotResolveAndOneThatResolvesToAForbiddenAddressGetTheSameAnswer() {
    // This machine's own name resolves, offline, to one of its own (forbidden) addresses.
    String forbiddenName = machineName();
    assumeTrue(resolvesOnlyToForbiddenAddresses(forbiddenName), "no name of this machine to use");
    String missingName = "no-such-host-" + UUID.randomUUID() + ".invalid";

    String forbidden = urlMessage(forbiddenName);
    String missing = urlMessage(missingName);

    // Told apart, the answers would map internal DNS names for anyone who asks.
    assertThat(forbidden.replace(forbiddenName, "HOST"))
        .isEqualTo(missing.replace(missingName, "HOST"))
        .isEqualTo("host HOST does not resolve to an allowed address");
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

  /** The {@code url} field's message when registering a URL with this host; asserts a 400. */
  private String urlMessage(String host) {
    Response response =
        app.post(
            "/api/webhooks",
            token,
            "{\"url\": \"https://" + host + "/hook\", \"events\": [\"card.viewed\"]}");
    assertThat(response.status()).as(host).isEqualTo(400);
    JsonNode error = response.json().get("errors").get(0);
    assertThat(error.get("field").asString()).isEqualTo("url");
    return error.get("message").asString();
  }

  private static String machineName() {
    try {
      return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
    } catch (UnknownHostException unnamed) {
      return "localhost";
    }
  }

  private static boolean resolvesOnlyToForbiddenAddresses(String name) {
    if (name.equals("localhost") || name.endsWith(".localhost")) {
      return false; // refused by name, without DNS: not what this test is about
    }
    try {
      InetAddress[] addresses = InetAddress.getAllByName(name);
      return addresses.length > 0 && Arrays.stream(addresses).allMatch(AddressRule::isForbidden);
    } catch (UnknownHostException unresolved) {
      return false;
    }
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
