package com.devcard.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.store.secret.SecretCipher;
import com.devcard.webhooks.testkit.Receivers;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * An endpoint secret stored under a key the running app's master keyset does not hold (a key
 * removed before its secrets were re-encrypted): its delivery records failed attempts instead of
 * staying pending with an empty log, and is delivered, correctly signed, once the secret opens
 * again.
 */
@AppTest
@ExtendWith(OutputCaptureExtension.class)
class UndecryptableSecretIT {

  static final String ERROR = "signing secret cannot be decrypted";

  @RegisterExtension static final WireMockExtension receiver = Receivers.perClass();

  @Autowired SecretCipher appKeyset;

  @Autowired JdbcClient jdbc;

  @Autowired AppClient app;

  @Test
  void failedAttemptsAreLoggedUntilTheSecretOpensAgainThenTheDeliveryArrives(
      CapturedOutput output) {
    TestUser user = app.newUser();
    ReceiverEndpoints endpoints = app.endpoints(user, receiver);
    TestEndpoint endpoint = endpoints.register(204);
    String endpointId = endpoint.id();
    String secret = endpoint.secret();
    SecretCipher removedKey = SecretCipher.fromKeysetJson(SecretCipher.newKeysetJson());
    storeSecretUnder(removedKey, endpointId, secret);

    Response dispatched = app.publish(user.id(), "{}");
    String deliveryId = dispatched.json().get("deliveries").get(0).get("id").asString();

    JsonNode failing =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> endpoints.detail(endpoint, deliveryId),
                detail -> detail.get("attempts").asInt() >= 1);
    assertThat(failing.get("status").asString()).isEqualTo("pending");
    JsonNode first = failing.get("attemptLog").get(0);
    assertThat(first.get("error").asString()).isEqualTo(ERROR);
    assertThat(first.get("responseCode").isNull()).isTrue();
    assertThat(endpoints.received(endpoint)).isEmpty();

    // The key is back: the secret opens with the app's keyset again.
    storeSecretUnder(appKeyset, endpointId, secret);

    JsonNode delivered = endpoints.awaitStatus(endpoint, deliveryId, "success");
    List<JsonNode> log = new ArrayList<>();
    delivered.get("attemptLog").values().forEach(log::add);
    assertThat(log).hasSizeGreaterThanOrEqualTo(2);
    assertThat(log.subList(0, log.size() - 1))
        .allSatisfy(attempt -> assertThat(attempt.get("error").asString()).isEqualTo(ERROR));
    assertThat(log.getLast().get("responseCode").asInt()).isEqualTo(204);
    List<LoggedRequest> requests = endpoints.received(endpoint);
    assertThat(requests).hasSize(1);
    assertThat(ReceivedDelivery.of(requests.getFirst()).standardWebhooksVerifiesWith(secret))
        .isTrue();

    String scrape = app.get("/actuator/prometheus", null).body();
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
}
