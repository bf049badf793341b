package com.devcard.webhooks.app.receivers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient;
import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.app.ReceivedDelivery;
import com.devcard.webhooks.app.RunningApp;
import com.devcard.webhooks.app.TestTokens;
import com.devcard.webhooks.testkit.WithWebhooksStack;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Receivers steering delivery on the running app, with short settings: a 410 disables the endpoint
 * and holds its new events until its owner enables it; a receiver dead for longer than the disable
 * window is disabled, probed, found alive and then gets every held event once, in order; a
 * Retry-After is honoured up to its cap; each change is told to the DevCard backend by signed
 * operational events.
 */
@WithWebhooksStack
@RunningApp
@TestPropertySource(
    properties = {
      "webhooks.allow-http=true",
      "webhooks.allow-private-targets=true",
      "webhooks.retry-delays=1s,1s",
      "webhooks.delivery.timeout=2s",
      "webhooks.retry-after-max=3s",
      "webhooks.disable-after=3s",
      "webhooks.probe-delays=2s,2s,2s,2s,2s,2s",
      "webhooks.recovery.rate=5",
      "webhooks.reconciler.unstarted-every=1s",
      "webhooks.reconciler.recoveries-every=1s",
      "webhooks.reconciler.probes-every=1s"
    })
class ReceiversIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String OPERATIONS = "/devcard-operations";
  private static final String OPERATIONAL_SECRET = newSecret();

  static final WireMockServer receiver = startedReceiver();

  @LocalServerPort int port;

  @Value("${webhooks.jwt.secret}")
  String jwtSecret;

  ApiClient api;
  String user;
  String token;
  String publisher;

  @DynamicPropertySource
  static void operationalEvents(DynamicPropertyRegistry registry) {
    registry.add("webhooks.operational.url", () -> receiverUrl(OPERATIONS));
    registry.add("webhooks.operational.secret", () -> OPERATIONAL_SECRET);
  }

  @AfterAll
  static void stopReceiver() {
    receiver.stop();
  }

  @BeforeEach
  void setUp() {
    api = new ApiClient(port);
    TestTokens tokens = new TestTokens(jwtSecret);
    user = "user-" + UUID.randomUUID();
    token = tokens.user(user);
    publisher = tokens.withScope("devcard-backend", "events:publish");
    receiver.stubFor(post(urlEqualTo(OPERATIONS)).willReturn(aResponse().withStatus(204)));
  }

  @Test
  void a410DisablesTheEndpointHoldsItsNewEventsAndEnablingItReleasesThemInOrder() {
    String path = answering(410);
    String endpointId = register(path);

    String first = publish();
    await()
        .atMost(WAIT)
        .until(() -> delivery(endpointId, first).get("status").asString().equals("failed"));
    assertThat(received(path)).hasSize(1);
    JsonNode disabled = endpoint(endpointId);
    assertThat(disabled.get("isActive").asBoolean()).isFalse();
    assertThat(disabled.get("disabledReason").asString()).isEqualTo("gone");
    assertThat(disabled.get("disabledAt").isNull()).isFalse();

    String second = publish();
    String third = publish();
    assertThat(status(endpointId, second)).isEqualTo("held");
    assertThat(status(endpointId, third)).isEqualTo("held");

    JsonNode disabledEvent = operationalEvent("endpoint.disabled", endpointId);
    assertThat(disabledEvent.get("data").get("userId").asString()).isEqualTo(user);
    assertThat(disabledEvent.get("data").get("reason").asString()).isEqualTo("gone");
    assertThat(received(path)).hasSize(1);

    answer(path, 204);
    Response enabled = api.patch("/api/webhooks/" + endpointId, token, "{\"isActive\": true}");

    assertThat(enabled.status()).isEqualTo(200);
    assertThat(enabled.json().get("disabledReason").isNull()).isTrue();
    await().atMost(WAIT).until(() -> received(path).size() == 3);
    assertThat(eventIds(received(path).subList(1, 3))).containsExactly(second, third);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(status(endpointId, second)).isEqualTo("success");
              assertThat(status(endpointId, third)).isEqualTo("success");
            });
    JsonNode enabledEvent = operationalEvent("endpoint.enabled", endpointId);
    assertThat(enabledEvent.get("data").get("by").asString()).isEqualTo("user");
  }

  @Test
  void enablingWithoutReleasingCancelsTheHeldEvents() {
    String path = answering(410);
    String endpointId = register(path);
    String first = publish();
    await().atMost(WAIT).until(() -> status(endpointId, first).equals("failed"));
    String held = publish();
    assertThat(status(endpointId, held)).isEqualTo("held");

    Response enabled =
        api.patch(
            "/api/webhooks/" + endpointId, token, "{\"isActive\": true, \"releaseHeld\": false}");

    assertThat(enabled.status()).isEqualTo(200);
    assertThat(enabled.json().get("isActive").asBoolean()).isTrue();
    assertThat(status(endpointId, held)).isEqualTo("cancelled");
    assertThat(received(path)).hasSize(1);
  }

  @Test
  void aReceiverDeadLongerThanTheWindowIsDisabledProbedAndThenGetsEveryHeldEventOnceInOrder() {
    String path = answering(503);
    String endpointId = register(path);

    // The first delivery to end failed starts the failing window...
    String first = publish();
    await().atMost(WAIT).until(() -> status(endpointId, first).equals("failed"));
    Instant failingSince =
        Instant.parse(endpoint(endpointId).get("health").get("failingSince").asString());
    await().atMost(WAIT).until(() -> Instant.now().isAfter(failingSince.plusSeconds(3)));
    // ...and a delivery ending failed after the window disables the endpoint.
    String second = publish();
    await()
        .atMost(WAIT)
        .until(() -> "failing".equals(endpoint(endpointId).get("disabledReason").asString()));
    assertThat(status(endpointId, second)).isEqualTo("failed");
    JsonNode disabledEvent = operationalEvent("endpoint.disabled", endpointId);
    assertThat(disabledEvent.get("data").get("reason").asString()).isEqualTo("failing");
    assertThat(disabledEvent.get("data").get("failingSince").asString()).isNotBlank();

    int beforeTheProbes = received(path).size();
    String third = publish();
    String fourth = publish();
    assertThat(status(endpointId, third)).isEqualTo("held");
    assertThat(status(endpointId, fourth)).isEqualTo("held");

    // A probe finds the receiver still down; then it comes back.
    await().atMost(WAIT).until(() -> received(path).size() > beforeTheProbes);
    assertThat(status(endpointId, fourth)).isEqualTo("held");
    answer(path, 204);

    await().atMost(WAIT).until(() -> endpoint(endpointId).get("isActive").asBoolean());
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(status(endpointId, third)).isEqualTo("success");
              assertThat(status(endpointId, fourth)).isEqualTo("success");
            });
    // Every held event once, in order (the probe that got through may have been a test event
    // made for it, sent first).
    List<ServeEvent> accepted =
        received(path).stream()
            .filter(event -> event.getResponse().getStatus() == 204)
            .filter(event -> event.getRequest().getBodyAsString().contains("card.viewed"))
            .toList();
    assertThat(eventIds(accepted)).containsExactly(third, fourth);
    assertThat(
            delivery(endpointId, fourth)
                .get("attemptLog")
                .valueStream()
                .map(attempt -> attempt.get("trigger").asString()))
        .containsExactly("scheduled");
    JsonNode health = endpoint(endpointId).get("health");
    assertThat(health.get("failingSince").isNull()).isTrue();
    assertThat(health.get("lastSuccessAt").isNull()).isFalse();
    assertThat(health.get("last24h").get("failed").asInt()).isEqualTo(2);
    // the held events, and the test event a probe may have got through with
    assertThat(health.get("last24h").get("succeeded").asInt()).isBetween(2, 3);
    JsonNode enabledEvent = operationalEvent("endpoint.enabled", endpointId);
    assertThat(enabledEvent.get("data").get("by").asString()).isEqualTo("probe");
  }

  @Test
  void aRetryAfterIsCappedLoggedAsAskedAndAddsNoAttempt() {
    String path = "/busy-" + UUID.randomUUID();
    receiver.stubFor(
        post(urlEqualTo(path))
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "999999")));
    String endpointId = register(path);

    String event = publish();
    await().atMost(WAIT).until(() -> status(endpointId, event).equals("failed"));

    JsonNode attempts = delivery(endpointId, event).get("attemptLog");
    assertThat(attempts.size()).isEqualTo(3);
    assertThat(attempts.get(0).get("retryAfterSeconds").asLong()).isEqualTo(999_999);
    List<ServeEvent> requests = received(path);
    long firstWait =
        requests.get(1).getRequest().getLoggedDate().getTime()
            - requests.get(0).getRequest().getLoggedDate().getTime();
    // 3 s, the cap: not the schedule's 1 s, nor the 11 days asked for
    assertThat(firstWait).isBetween(3_000L, 8_000L);
  }

  // --- helpers

  private String register(String path) {
    Response created =
        api.post(
            "/api/webhooks",
            token,
            "{\"url\": \"%s\", \"events\": [\"card.viewed\"]}".formatted(receiverUrl(path)));
    assertThat(created.status()).isEqualTo(201);
    return created.json().get("id").asString();
  }

  private String publish() {
    Response published =
        api.post(
            "/api/events",
            publisher,
            "{\"userId\": \"%s\", \"type\": \"card.viewed\", \"data\": {\"at\": \"%s\"}}"
                .formatted(user, Instant.now()));
    assertThat(published.status()).isEqualTo(202);
    return published.json().get("eventId").asString();
  }

  private JsonNode endpoint(String endpointId) {
    return api.get("/api/webhooks/" + endpointId, token).json();
  }

  /** The endpoint's delivery of the event, with its attempt log. */
  private JsonNode delivery(String endpointId, String eventId) {
    JsonNode items =
        api.get("/api/webhooks/" + endpointId + "/deliveries?limit=100", token).json().get("items");
    String deliveryId =
        items
            .valueStream()
            .filter(item -> item.get("eventId").asString().equals(eventId))
            .findFirst()
            .orElseThrow()
            .get("id")
            .asString();
    return api.get("/api/webhooks/" + endpointId + "/deliveries/" + deliveryId, token).json();
  }

  private String status(String endpointId, String eventId) {
    return delivery(endpointId, eventId).get("status").asString();
  }

  /** The operational event of that type about the endpoint, once it arrived; checked signed. */
  private JsonNode operationalEvent(String type, String endpointId) {
    return await()
        .atMost(WAIT)
        .until(
            () ->
                received(OPERATIONS).stream()
                    .map(event -> ReceivedDelivery.of(event.getRequest()))
                    .filter(delivery -> delivery.bodyText().contains(endpointId))
                    .filter(delivery -> delivery.verifiesWith(OPERATIONAL_SECRET))
                    .map(delivery -> JSON.readTree(delivery.bodyText()))
                    .filter(body -> body.get("type").asString().equals(type))
                    .findFirst()
                    .orElse(null),
            body -> body != null);
  }

  private static String answering(int status) {
    String path = "/hook-" + UUID.randomUUID();
    answer(path, status);
    return path;
  }

  private static void answer(String path, int status) {
    receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(status)));
  }

  private static List<ServeEvent> received(String path) {
    return receiver.getAllServeEvents().stream()
        .filter(event -> event.getRequest().getUrl().equals(path))
        .sorted(Comparator.comparing(event -> event.getRequest().getLoggedDate()))
        .toList();
  }

  private static List<String> eventIds(List<ServeEvent> requests) {
    return requests.stream()
        .map(event -> JSON.readTree(event.getRequest().getBodyAsString()).get("id").asString())
        .toList();
  }

  private static String receiverUrl(String path) {
    return "http://127.0.0.1:" + receiver.port() + path;
  }

  private static WireMockServer startedReceiver() {
    WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    server.start();
    return server;
  }

  private static String newSecret() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }
}
