package com.devcard.webhooks.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.store.secret.SecretCipher;
import com.devcard.webhooks.testkit.WithWebhooksStack;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * An endpoint secret stored under a key the running app's master keyset does not hold (a key
 * removed before its secrets were re-encrypted): its delivery records failed attempts instead of
 * staying pending with an empty log, and is delivered, correctly signed, once the secret opens
 * again.
 */
@WithWebhooksStack
@SpringBootTest(
    classes = WebhooksApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "webhooks.allow-http=true",
      "webhooks.allow-private-targets=true",
      "webhooks.retry-delays=3s,3s,3s,3s",
      "webhooks.delivery.timeout=2s",
      "webhooks.delivery.keyset-rollout-grace=0s",
      "webhooks.reconciler.unstarted-every=1s"
    })
@ExtendWith(OutputCaptureExtension.class)
class UndecryptableSecretIT {

  static final String ERROR = "signing secret cannot be decrypted";

  static WireMockServer receiver;

  @LocalServerPort int port;

  @Value("${webhooks.jwt.secret}")
  String jwtSecret;

  @Autowired SecretCipher appKeyset;

  @Autowired JdbcClient jdbc;

  @BeforeAll
  static void startReceiver() {
    receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    receiver.start();
  }

  @AfterAll
  static void stopReceiver() {
    receiver.stop();
  }

  @Test
  void failedAttemptsAreLoggedUntilTheSecretOpensAgainThenTheDeliveryArrives(
      CapturedOutput output) {
    ApiClient api = new ApiClient(port);
    TestTokens tokens = new TestTokens(jwtSecret);
    String user = "user-" + UUID.randomUUID();
    String path = "/hook-" + UUID.randomUUID();
    receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
    Response created =
        api.post(
            "/api/webhooks",
            tokens.user(user),
            "{\"url\": \"http://127.0.0.1:%d%s\", \"events\": [\"card.viewed\"]}"
                .formatted(receiver.port(), path));
    String endpointId = created.json().get("id").asString();
    String secret = created.json().get("secret").asString();
    SecretCipher removedKey = SecretCipher.fromKeysetJson(SecretCipher.newKeysetJson());
    storeSecretUnder(removedKey, endpointId, secret);

    Response dispatched =
        api.post(
            "/api/events",
            tokens.withScope("devcard-backend", "events:publish"),
            "{\"userId\": \"%s\", \"type\": \"card.viewed\", \"data\": {}}".formatted(user));
    String deliveryId = dispatched.json().get("deliveries").get(0).get("id").asString();
    String detailPath = "/api/webhooks/" + endpointId + "/deliveries/" + deliveryId;

    JsonNode failing =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> api.get(detailPath, tokens.user(user)).json(),
                detail -> detail.get("attempts").asInt() >= 1);
    assertThat(failing.get("status").asString()).isEqualTo("pending");
    JsonNode first = failing.get("attemptLog").get(0);
    assertThat(first.get("error").asString()).isEqualTo(ERROR);
    assertThat(first.get("responseCode").isNull()).isTrue();
    assertThat(received(path)).isEmpty();

    // The key is back: the secret opens with the app's keyset again.
    storeSecretUnder(appKeyset, endpointId, secret);

    JsonNode delivered =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> api.get(detailPath, tokens.user(user)).json(),
                detail -> "success".equals(detail.get("status").asString()));
    List<JsonNode> log = new ArrayList<>();
    delivered.get("attemptLog").values().forEach(log::add);
    assertThat(log).hasSizeGreaterThanOrEqualTo(2);
    assertThat(log.subList(0, log.size() - 1))
        .allSatisfy(attempt -> assertThat(attempt.get("error").asString()).isEqualTo(ERROR));
    assertThat(log.getLast().get("responseCode").asInt()).isEqualTo(204);
    List<ReceivedDelivery> requests = received(path);
    assertThat(requests).hasSize(1);
    assertThat(requests.getFirst().standardWebhooksVerifiesWith(secret)).isTrue();

    String scrape = api.get("/actuator/prometheus", null).body();
    assertThat(scrape)
        .contains(
            "webhooks_delivery_attempts_total{outcome=\"secret_undecryptable\","
                + "status_class=\"none\"}");
    assertThat(output.getAll())
        .contains("delivery " + deliveryId + ": attempt 1 failed unsent")
        .doesNotContain(secret)
        .doesNotContain(secret.substring("whsec_".length()));
  }

  private void storeSecretUnder(SecretCipher keyset, String endpointId, String secret) {
    jdbc.sql("update webhook_endpoints set secret_ciphertext = :c where id = :id")
        .param("c", keyset.encrypt(secret, endpointId))
        .param("id", endpointId)
        .update();
  }

  private static List<ReceivedDelivery> received(String path) {
    List<ReceivedDelivery> requests = new ArrayList<>();
    for (ServeEvent event : receiver.getAllServeEvents()) {
      if (event.getRequest().getUrl().equals(path)) {
        requests.add(ReceivedDelivery.of(event.getRequest()));
      }
    }
    return requests;
  }
}
