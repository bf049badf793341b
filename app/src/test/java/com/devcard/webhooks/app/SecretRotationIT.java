package com.devcard.webhooks.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.store.secret.SecretGenerator;
import com.devcard.webhooks.testkit.WithWebhooksStack;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Secret rotation end to end: the rotate route, then real deliveries checked by receivers that hold
 * only the old secret, only the new one, or both, with the receiver guide's Java code (GitHub-style
 * header) and the official Standard Webhooks library, during and after the grace period.
 */
@WithWebhooksStack
@SpringBootTest(
    classes = WebhooksApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "webhooks.allow-http=true",
      "webhooks.allow-private-targets=true",
      "webhooks.retry-delays=1s,2s,3s",
      "webhooks.delivery.timeout=2s",
      "webhooks.reconciler.unstarted-every=1s",
      "webhooks.secrets.erase-expired-every=1s"
    })
class SecretRotationIT {

  static WireMockServer receiver;

  @LocalServerPort int port;

  @Value("${webhooks.jwt.secret}")
  String jwtSecret;

  @Autowired JdbcClient jdbc;

  ApiClient api;
  TestTokens tokens;
  String user;
  String token;
  String publisher;

  @BeforeAll
  static void startReceiver() {
    receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    receiver.start();
  }

  @AfterAll
  static void stopReceiver() {
    receiver.stop();
  }

  @BeforeEach
  void setUp() {
    api = new ApiClient(port);
    tokens = new TestTokens(jwtSecret);
    user = "user-" + UUID.randomUUID();
    token = tokens.user(user);
    publisher = tokens.withScope("devcard-backend", "events:publish");
  }

  private record Registered(String id, String secret, String path) {}

  private Registered register(int status) {
    String path = "/hook-" + UUID.randomUUID();
    answer(path, status);
    Response created =
        api.post(
            "/api/webhooks",
            token,
            "{\"url\": \"http://127.0.0.1:%d%s\", \"events\": [\"card.viewed\"]}"
                .formatted(receiver.port(), path));
    assertThat(created.status()).isEqualTo(201);
    return new Registered(
        created.json().get("id").asString(), created.json().get("secret").asString(), path);
  }

  private static void answer(String path, int status) {
    receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(status)));
  }

  private Response rotate(String endpointId, String body) {
    return api.post("/api/webhooks/" + endpointId + "/rotate-secret", token, body);
  }

  private String rotated(String endpointId, int graceSeconds) {
    Response response = rotate(endpointId, "{\"graceSeconds\": " + graceSeconds + "}");
    assertThat(response.status()).isEqualTo(200);
    return response.json().get("secret").asString();
  }

  private String publish() {
    Response dispatched =
        api.post(
            "/api/events",
            publisher,
            "{\"userId\": \"%s\", \"type\": \"card.viewed\", \"data\": {\"n\": \"ü\"}}"
                .formatted(user));
    assertThat(dispatched.status()).isEqualTo(202);
    return dispatched.json().get("deliveries").get(0).get("id").asString();
  }

  private static List<ReceivedDelivery> received(String path) {
    List<LoggedRequest> requests = new ArrayList<>();
    for (ServeEvent event : receiver.getAllServeEvents()) {
      if (event.getRequest().getUrl().equals(path)) {
        requests.add(event.getRequest());
      }
    }
    requests.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
    return requests.stream().map(ReceivedDelivery::of).toList();
  }

  private static ReceivedDelivery awaitDelivery(String path, int number) {
    await().atMost(Duration.ofSeconds(20)).until(() -> received(path).size() >= number);
    return received(path).get(number - 1);
  }

  private static Instant instant(Response rotation) {
    String text = rotation.json().get("previousSecretExpiresAt").asString();
    assertThat(text).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
    return Instant.parse(text);
  }

  @Test
  void duringTheGracePeriodBothSecretsSignAndEveryReceiverVerifies() {
    Registered endpoint = register(204);
    Instant before = Instant.now();

    Response rotation = rotate(endpoint.id(), "{\"graceSeconds\": 3600}");

    assertThat(rotation.status()).isEqualTo(200);
    String secret = rotation.json().get("secret").asString();
    assertThat(secret).matches("whsec_[A-Za-z0-9+/]{43}=").isNotEqualTo(endpoint.secret());
    assertThat(instant(rotation))
        .isBetween(before.plusSeconds(3600).minusSeconds(1), Instant.now().plusSeconds(3600));

    String deliveryId = publish();
    ReceivedDelivery delivery = awaitDelivery(endpoint.path(), 1);

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
    Registered endpoint = register(503);
    String deliveryId = publish();
    ReceivedDelivery first = awaitDelivery(endpoint.path(), 1);

    String secret = rotated(endpoint.id(), 3600);
    answer(endpoint.path(), 204);
    ReceivedDelivery retry = awaitDelivery(endpoint.path(), 2);

    assertThat(first.header("X-DevCard-Signature-Previous")).isNull();
    assertThat(first.verifiesWith(endpoint.secret())).isTrue();
    assertThat(first.verifiesWith(secret)).isFalse();
    assertThat(retry.header("webhook-id")).isEqualTo(deliveryId);
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(retry.verifiesWith(endpoint.secret())).as("old secret only").isTrue();
    assertThat(retry.verifiesWith(secret)).as("new secret only").isTrue();
    assertThat(retry.verifiesWith(secret, endpoint.secret())).as("both").isTrue();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                api.get("/api/webhooks/" + endpoint.id() + "/deliveries/" + deliveryId, token)
                    .json()
                    .get("status")
                    .asString()
                    .equals("success"));
  }

  @Test
  void afterTheGracePeriodOnlyTheNewSecretSignsAndTheOldOneIsErased() {
    Registered endpoint = register(204);
    Response rotation = rotate(endpoint.id(), "{\"graceSeconds\": 2}");
    String secret = rotation.json().get("secret").asString();
    Instant expiry = instant(rotation);

    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> previousCiphertextOf(endpoint.id()) == null);
    assertThat(Instant.now()).isAfterOrEqualTo(expiry);
    publish();
    ReceivedDelivery delivery = awaitDelivery(endpoint.path(), 1);

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
    Registered endpoint = register(204);
    Instant before = Instant.now();

    Response rotation = rotate(endpoint.id(), "{\"graceSeconds\": 0}");
    String secret = rotation.json().get("secret").asString();
    publish();
    ReceivedDelivery delivery = awaitDelivery(endpoint.path(), 1);

    // With nothing to wait for, the answer names the moment of the rotation itself.
    assertThat(instant(rotation)).isBetween(before.minusSeconds(1), Instant.now());
    assertThat(previousCiphertextOf(endpoint.id())).isNull();
    assertThat(delivery.header("X-DevCard-Signature-Previous")).isNull();
    assertThat(delivery.verifiesWith(endpoint.secret())).isFalse();
    assertThat(delivery.verifiesWith(secret)).isTrue();
  }

  @Test
  void aSecondRotationDuringTheGracePeriodReplacesThePreviousSecret() {
    Registered endpoint = register(204);
    String second = rotated(endpoint.id(), 3600);
    String third = rotated(endpoint.id(), 3600);

    publish();
    ReceivedDelivery delivery = awaitDelivery(endpoint.path(), 1);

    assertThat(delivery.header("webhook-signature").split(" ")).hasSize(2);
    assertThat(delivery.verifiesWith(third)).isTrue();
    assertThat(delivery.verifiesWith(second)).isTrue();
    assertThat(delivery.verifiesWith(endpoint.secret())).as("the first secret").isFalse();
  }

  @Test
  void concurrentRotationsLeaveOnlySecretsThatWereReturned() throws Exception {
    Registered endpoint = register(204);
    int callers = 8;
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    CountDownLatch start = new CountDownLatch(1);
    List<String> returned = new ArrayList<>();
    try {
      List<Future<Response>> answers = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return rotate(endpoint.id(), "{\"graceSeconds\": 600}");
                }));
      }
      start.countDown();
      for (Future<Response> answer : answers) {
        assertThat(answer.get().status()).isEqualTo(200);
        returned.add(answer.get().json().get("secret").asString());
      }
    } finally {
      pool.shutdownNow();
    }

    publish();
    ReceivedDelivery delivery = awaitDelivery(endpoint.path(), 1);

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
    Registered endpoint = register(204);
    String path = "/api/webhooks/" + endpoint.id() + "/rotate-secret";
    Instant aDayAhead = Instant.now().plus(Duration.ofDays(1));

    Response noBodyNoType = api.raw("POST", path, token, null, new byte[0]);
    Response emptyJson = api.post(path, token, "");
    Response emptyObject = api.post(path, token, "{}");
    Response explicitNull = api.post(path, token, "{\"graceSeconds\": null}");
    Response week = api.post(path, token, "{\"graceSeconds\": 604800}");

    for (Response defaulted : List.of(noBodyNoType, emptyJson, emptyObject, explicitNull)) {
      assertThat(defaulted.status()).isEqualTo(200);
      assertThat(instant(defaulted))
          .isBetween(aDayAhead.minusSeconds(1), aDayAhead.plusSeconds(60));
    }
    assertThat(week.status()).isEqualTo(200);
    assertThat(instant(week)).isAfter(Instant.now().plus(Duration.ofDays(7)).minusSeconds(60));

    for (String bad : List.of("-1", "604801", "\"60\"", "1.5", "true", "99999999999999999999")) {
      Response refused = api.post(path, token, "{\"graceSeconds\": " + bad + "}");
      assertThat(refused.status()).as(bad).isEqualTo(400);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.problemType()).endsWith("/validation-failed");
      assertThat(refused.json().get("errors").get(0).get("field").asString())
          .isEqualTo("graceSeconds");
    }
    Response unknownField = api.post(path, token, "{\"grace\": 5}");
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.json().get("errors").get(0).get("field").asString()).isEqualTo("grace");
    assertThat(api.post(path, token, "[1]").status()).isEqualTo(400);
    assertThat(api.post(path, token, "{").problemType()).endsWith("/malformed-json");
    assertThat(
            api.raw("POST", path, token, "text/plain", "x".getBytes(StandardCharsets.UTF_8))
                .status())
        .isEqualTo(415);
  }

  @Test
  void anotherUsersOrAnUnknownEndpointIs404AndKeepsItsSecret() {
    Registered endpoint = register(204);
    String intruder = tokens.user("intruder-" + UUID.randomUUID());

    Response theirs = api.post("/api/webhooks/" + endpoint.id() + "/rotate-secret", intruder, "{}");
    Response missing = api.post("/api/webhooks/ep_missing/rotate-secret", intruder, "{}");
    Response anonymous = api.post("/api/webhooks/" + endpoint.id() + "/rotate-secret", null, "{}");

    assertThat(theirs.status()).isEqualTo(404);
    assertThat(theirs.json().get("detail")).isEqualTo(missing.json().get("detail"));
    assertThat(theirs.json().get("type")).isEqualTo(missing.json().get("type"));
    assertThat(anonymous.status()).isEqualTo(401);
    publish();
    ReceivedDelivery delivery = awaitDelivery(endpoint.path(), 1);
    assertThat(delivery.header("X-DevCard-Signature-Previous")).isNull();
    assertThat(delivery.verifiesWith(endpoint.secret())).isTrue();
  }

  @Test
  void theEndpointRoutesNeverShowTheNewSecret() {
    Registered endpoint = register(204);
    String secret = rotated(endpoint.id(), 3600);

    JsonNode one = api.get("/api/webhooks/" + endpoint.id(), token).json();
    String list = api.get("/api/webhooks", token).body();

    assertThat(one.has("secret")).isFalse();
    assertThat(one.toString()).doesNotContain(secret).doesNotContain(endpoint.secret());
    assertThat(list).doesNotContain(secret).doesNotContain(endpoint.secret());
  }
}
