package com.devcard.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.store.secret.SecretGenerator;
import com.devcard.webhooks.testkit.Receivers;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Secret rotation end to end: the rotate route, then real deliveries checked by receivers that hold
 * only the old secret, only the new one, or both, with the receiver guide's Java code (GitHub-style
 * header) and the official Standard Webhooks library, during and after the grace period.
 */
@AppTest
class SecretRotationIT {

  @RegisterExtension static final WireMockExtension receiver = Receivers.perClass();

  @Autowired JdbcClient jdbc;

  final AppClient app;
  final TestUser user;
  final ReceiverEndpoints endpoints;

  SecretRotationIT(@Autowired AppClient app) {
    this.app = app;
    this.user = app.newUser();
    this.endpoints = app.endpoints(user, receiver);
  }

  private Response rotate(String endpointId, String body) {
    return app.post("/api/webhooks/" + endpointId + "/rotate-secret", user.token(), body);
  }

  private String rotated(String endpointId, int graceSeconds) {
    Response response = rotate(endpointId, "{\"graceSeconds\": " + graceSeconds + "}");
    assertThat(response.status()).isEqualTo(200);
    return response.json().get("secret").asString();
  }

  private String publish() {
    Response dispatched = app.publish(user.id(), "{\"n\": \"ü\"}");
    assertThat(dispatched.status()).isEqualTo(202);
    return dispatched.json().get("deliveries").get(0).get("id").asString();
  }

  private ReceivedDelivery awaitDelivery(TestEndpoint endpoint, int number) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> endpoints.received(endpoint).size() >= number);
    return ReceivedDelivery.of(endpoints.received(endpoint).get(number - 1));
  }

  private static Instant instant(Response rotation) {
    String text = rotation.json().get("previousSecretExpiresAt").asString();
    assertThat(text).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    return Instant.parse(text);
  }

  @Test
  void duringTheGracePeriodBothSecretsSignAndEveryReceiverVerifies() {
    TestEndpoint endpoint = endpoints.register(204);
    Instant before = Instant.now();

    Response rotation = rotate(endpoint.id(), "{\"graceSeconds\": 3600}");

    assertThat(rotation.status()).isEqualTo(200);
    String secret = rotation.json().get("secret").asString();
    assertThat(secret).matches("whsec_[A-Za-z0-9+/]{43}=").isNotEqualTo(endpoint.secret());
    assertThat(instant(rotation))
        .isBetween(before.plusSeconds(3600).minusSeconds(1), Instant.now().plusSeconds(3600));

    String deliveryId = publish();
    ReceivedDelivery delivery = awaitDelivery(endpoint, 1);

    assertThat(delivery.header("webhook-id")).isEqualTo(deliveryId);
    assertThat(delivery.header("X-DevCard-Signature-Previous")).startsWith("sha256=");
    assertThat(delivery.header("webhook-signature").split(" "))
        .hasSize(2)
        .allMatch(signature -> signature.startsWith("v1,"));
    assertThat(delivery.verifiesWith(endpoint.secret())).as("old secret only").isTrue();
    assertThat(delivery.verifiesWith(secret)).as("new secret only").isTrue();
    assertThat(delivery.verifiesWith(endpoint.secret(), secret)).as("both").isTrue();
    assertThat(delivery.verifiesWith(SecretGenerator.newSecret())).as("a stranger").isFalse();
    // The current secret signs first: a receiver that checks only X-DevCard-Signature needs it.
    assertThat(
            new ReceivedDelivery(
                    delivery.body(),
                    Map.of("X-DevCard-Signature", List.of(delivery.header("X-DevCard-Signature"))))
                .githubStyleVerifiesWith(secret))
        .isTrue();
  }

  @Test
  void aDeliveryMadeBeforeTheRotationIsRetriedSignedWithBothSecrets() {
    TestEndpoint endpoint = endpoints.register(503);
    String deliveryId = publish();
    ReceivedDelivery first = awaitDelivery(endpoint, 1);

    String secret = rotated(endpoint.id(), 3600);
    endpoints.answer(endpoint, 204);
    ReceivedDelivery retry = awaitDelivery(endpoint, 2);

    assertThat(first.header("X-DevCard-Signature-Previous")).isNull();
    assertThat(first.verifiesWith(endpoint.secret())).isTrue();
    assertThat(first.verifiesWith(secret)).isFalse();
    assertThat(retry.header("webhook-id")).isEqualTo(deliveryId);
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(retry.verifiesWith(endpoint.secret())).as("old secret only").isTrue();
    assertThat(retry.verifiesWith(secret)).as("new secret only").isTrue();
    assertThat(retry.verifiesWith(secret, endpoint.secret())).as("both").isTrue();
    endpoints.awaitStatus(endpoint, deliveryId, "success");
  }

  @Test
  void afterTheGracePeriodOnlyTheNewSecretSignsAndTheOldOneIsErased() {
    TestEndpoint endpoint = endpoints.register(204);
    Response rotation = rotate(endpoint.id(), "{\"graceSeconds\": 2}");
    String secret = rotation.json().get("secret").asString();
    Instant expiry = instant(rotation);

    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> previousCiphertextOf(endpoint.id()) == null);
    assertThat(Instant.now()).isAfterOrEqualTo(expiry);
    publish();
    ReceivedDelivery delivery = awaitDelivery(endpoint, 1);

    assertThat(delivery.header("X-DevCard-Signature-Previous")).isNull();
    assertThat(delivery.header("webhook-signature").split(" ")).hasSize(1);
    assertThat(delivery.verifiesWith(endpoint.secret())).as("old secret only").isFalse();
    assertThat(delivery.verifiesWith(secret)).as("new secret only").isTrue();
    assertThat(delivery.verifiesWith(endpoint.secret(), secret)).as("both").isTrue();
  }

  private byte[] previousCiphertextOf(String endpointId) {
    return jdbc.sql("select previous_secret_ciphertext from webhook_endpoints where id = :id")
        .param("id", endpointId)
        .query((rs, rowNum) -> rs.getBytes(1))
        .list()
        .getFirst();
  }

  @Test
  void aZeroGracePeriodRevokesTheOldSecretAtOnce() {
    TestEndpoint endpoint = endpoints.register(204);
    Instant before = Instant.now();

    Response rotation = rotate(endpoint.id(), "{\"graceSeconds\": 0}");
    String secret = rotation.json().get("secret").asString();
    publish();
    ReceivedDelivery delivery = awaitDelivery(endpoint, 1);

    // With nothing to wait for, the answer names the moment of the rotation itself.
    assertThat(instant(rotation)).isBetween(before.minusSeconds(1), Instant.now());
    assertThat(previousCiphertextOf(endpoint.id())).isNull();
    assertThat(delivery.header("X-DevCard-Signature-Previous")).isNull();
    assertThat(delivery.verifiesWith(endpoint.secret())).isFalse();
    assertThat(delivery.verifiesWith(secret)).isTrue();
  }

  @Test
  void aSecondRotationDuringTheGracePeriodReplacesThePreviousSecret() {
    TestEndpoint endpoint = endpoints.register(204);
    String second = rotated(endpoint.id(), 3600);
    String third = rotated(endpoint.id(), 3600);

    publish();
    ReceivedDelivery delivery = awaitDelivery(endpoint, 1);

    assertThat(delivery.header("webhook-signature").split(" ")).hasSize(2);
    assertThat(delivery.verifiesWith(third)).isTrue();
    assertThat(delivery.verifiesWith(second)).isTrue();
    assertThat(delivery.verifiesWith(endpoint.secret())).as("the first secret").isFalse();
  }

  @Test
  void concurrentRotationsLeaveOnlySecretsThatWereReturned() throws Exception {
    TestEndpoint endpoint = endpoints.register(204);
    List<String> returned = new ArrayList<>();
    for (Response answer :
        Concurrently.call(8, () -> rotate(endpoint.id(), "{\"graceSeconds\": 600}"))) {
      assertThat(answer.status()).isEqualTo(200);
      returned.add(answer.json().get("secret").asString());
    }

    publish();
    ReceivedDelivery delivery = awaitDelivery(endpoint, 1);

    assertThat(returned).doesNotHaveDuplicates();
    List<String> signingNow =
        returned.stream().filter(secret -> delivery.githubStyleVerifiesWith(secret)).toList();
    assertThat(signingNow).as("the current and the previous secret").hasSize(2);
    assertThat(delivery.verifiesWith(endpoint.secret())).isFalse();
    for (String secret : signingNow) {
      assertThat(delivery.standardWebhooksVerifiesWith(secret)).isTrue();
    }
  }

  @Test
  void theBodyIsOptionalAndItsGraceSecondsIsChecked() {
    TestEndpoint endpoint = endpoints.register(204);
    String path = "/api/webhooks/" + endpoint.id() + "/rotate-secret";
    Instant aDayAhead = Instant.now().plus(Duration.ofDays(1));

    Response noBodyNoType = app.raw("POST", path, user.token(), null, new byte[0]);
    Response emptyJson = app.post(path, user.token(), "");
    Response emptyObject = app.post(path, user.token(), "{}");
    Response explicitNull = app.post(path, user.token(), "{\"graceSeconds\": null}");
    Response week = app.post(path, user.token(), "{\"graceSeconds\": 604800}");

    for (Response defaulted : List.of(noBodyNoType, emptyJson, emptyObject, explicitNull)) {
      assertThat(defaulted.status()).isEqualTo(200);
      assertThat(instant(defaulted))
          .isBetween(aDayAhead.minusSeconds(1), aDayAhead.plusSeconds(60));
    }
    assertThat(week.status()).isEqualTo(200);
    assertThat(instant(week)).isAfter(Instant.now().plus(Duration.ofDays(7)).minusSeconds(60));

    for (String bad : List.of("-1", "604801", "\"60\"", "1.5", "true", "99999999999999999999")) {
      Response refused = app.post(path, user.token(), "{\"graceSeconds\": " + bad + "}");
      assertThat(refused.status()).as(bad).isEqualTo(400);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.problemType()).endsWith("/validation-failed");
      assertThat(refused.json().get("errors").get(0).get("field").asString())
          .isEqualTo("graceSeconds");
    }
    Response unknownField = app.post(path, user.token(), "{\"grace\": 5}");
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.json().get("errors").get(0).get("field").asString()).isEqualTo("grace");
    assertThat(app.post(path, user.token(), "[1]").status()).isEqualTo(400);
    assertThat(app.post(path, user.token(), "{").problemType()).endsWith("/malformed-json");
    assertThat(
            app.raw("POST", path, user.token(), "text/plain", "x".getBytes(StandardCharsets.UTF_8))
                .status())
        .isEqualTo(415);
  }

  @Test
  void anotherUsersOrAnUnknownEndpointIs404AndKeepsItsSecret() {
    TestEndpoint endpoint = endpoints.register(204);
    String intruder = app.newUser("intruder").token();

    Response theirs = app.post("/api/webhooks/" + endpoint.id() + "/rotate-secret", intruder, "{}");
    Response missing = app.post("/api/webhooks/ep_missing/rotate-secret", intruder, "{}");
    Response anonymous = app.post("/api/webhooks/" + endpoint.id() + "/rotate-secret", null, "{}");

    assertThat(theirs.status()).isEqualTo(404);
    assertThat(theirs.json().get("detail")).isEqualTo(missing.json().get("detail"));
    assertThat(theirs.json().get("type")).isEqualTo(missing.json().get("type"));
    assertThat(anonymous.status()).isEqualTo(401);
    publish();
    ReceivedDelivery delivery = awaitDelivery(endpoint, 1);
    assertThat(delivery.header("X-DevCard-Signature-Previous")).isNull();
    assertThat(delivery.verifiesWith(endpoint.secret())).isTrue();
  }

  @Test
  void theEndpointRoutesNeverShowTheNewSecret() {
    TestEndpoint endpoint = endpoints.register(204);
    String secret = rotated(endpoint.id(), 3600);

    JsonNode one = app.get("/api/webhooks/" + endpoint.id(), user.token()).json();
    String list = app.get("/api/webhooks", user.token()).body();

    assertThat(one.has("secret")).isFalse();
    assertThat(one.toString()).doesNotContain(secret).doesNotContain(endpoint.secret());
    assertThat(list).doesNotContain(secret).doesNotContain(endpoint.secret());
  }
}
