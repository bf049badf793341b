package com.devcard.webhooks.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.testkit.WithWebhooksStack;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.standardwebhooks.Webhook;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * From {@code POST /api/events} to a signed POST at a real receiver and back to the delivery log,
 * on the running app with a short retry schedule.
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
      "webhooks.reconciler.unstarted-every=1s"
    })
class DeliveryEndToEndIT {

  static WireMockServer receiver;

  @LocalServerPort int port;

  @Value("${webhooks.jwt.secret}")
  String jwtSecret;

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

  private Registered register(int status, String... events) {
    String path = "/hook-" + UUID.randomUUID();
    receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(status)));
    StringBuilder list = new StringBuilder();
    for (String event : events) {
      list.append(list.isEmpty() ? "" : ",").append('"').append(event).append('"');
    }
    Response created =
        api.post(
            "/api/webhooks",
            token,
            "{\"url\": \"http://127.0.0.1:%d%s\", \"events\": [%s]}"
                .formatted(receiver.port(), path, list));
    assertThat(created.status()).isEqualTo(201);
    return new Registered(
        created.json().get("id").asString(), created.json().get("secret").asString(), path);
  }

  private Response publish(String body) {
    return api.post("/api/events", publisher, body);
  }

  private List<LoggedRequest> received(String path) {
    List<LoggedRequest> requests = new ArrayList<>();
    for (ServeEvent event : receiver.getAllServeEvents()) {
      if (event.getRequest().getUrl().equals(path)) {
        requests.add(event.getRequest());
      }
    }
    requests.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
    return requests;
  }

  @Test
  void aReportedEventReachesTheReceiverSignedAndTheLogShowsIt() throws Exception {
    Registered endpoint = register(204, "card.viewed");

    Response dispatched =
        publish(
            """
            {"userId": "%s", "type": "card.viewed", "data": {"cardId": "c_7", "price": 12.50}}
            """
                .formatted(user));

    assertThat(dispatched.status()).isEqualTo(202);
    String eventId = dispatched.json().get("eventId").asString();
    JsonNode deliveries = dispatched.json().get("deliveries");
    assertThat(deliveries.size()).isEqualTo(1);
    String deliveryId = deliveries.get(0).get("id").asString();
    assertThat(deliveries.get(0).get("endpointId").asString()).isEqualTo(endpoint.id());

    await().atMost(Duration.ofSeconds(20)).until(() -> received(endpoint.path()).size() == 1);
    LoggedRequest request = received(endpoint.path()).get(0);
    byte[] body = request.getBody();
    String bodyText = new String(body, StandardCharsets.UTF_8);

    assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(request.getHeader("User-Agent")).startsWith("DevCard-Webhooks/");
    assertThat(request.getHeader("X-DevCard-Event")).isEqualTo("card.viewed");
    assertThat(request.getHeader("X-DevCard-Delivery")).isEqualTo(deliveryId);
    assertThat(request.getHeader("webhook-id")).isEqualTo(deliveryId);
    assertThat(request.getHeader("X-DevCard-Signature"))
        .isEqualTo("sha256=" + hmacHex(endpoint.secret(), body));
    assertThat(request.containsHeader("X-DevCard-Signature-Previous")).isFalse();
    Map<String, List<String>> headers = new HashMap<>();
    for (HttpHeader header : request.getHeaders().all()) {
      headers.put(header.key().toLowerCase(), header.values());
    }
    new Webhook(endpoint.secret()).verify(bodyText, headers);

    JsonNode payload = new ApiClient.Response(200, null, null, bodyText).json();
    assertThat(payload.get("id").asString()).isEqualTo(eventId);
    assertThat(payload.get("type").asString()).isEqualTo("card.viewed");
    assertThat(payload.get("data").get("cardId").asString()).isEqualTo("c_7");
    assertThat(bodyText).contains("12.50");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                api.get("/api/webhooks/" + endpoint.id() + "/deliveries/" + deliveryId, token)
                    .json()
                    .get("status")
                    .asString()
                    .equals("success"));
    JsonNode detail =
        api.get("/api/webhooks/" + endpoint.id() + "/deliveries/" + deliveryId, token).json();
    assertThat(detail.get("attempts").asInt()).isEqualTo(1);
    assertThat(detail.get("responseCode").asInt()).isEqualTo(204);
    assertThat(detail.get("nextRetryAt").isNull()).isTrue();
    assertThat(detail.get("payload").toString()).isEqualTo(payload.toString());
    JsonNode attempt = detail.get("attemptLog").get(0);
    assertThat(attempt.get("attempt").asInt()).isEqualTo(1);
    assertThat(attempt.get("trigger").asString()).isEqualTo("scheduled");
    assertThat(attempt.get("responseCode").asInt()).isEqualTo(204);
    assertThat(attempt.get("error").isNull()).isTrue();

    JsonNode page = api.get("/api/webhooks/" + endpoint.id() + "/deliveries", token).json();
    assertThat(page.get("items").get(0).get("id").asString()).isEqualTo(deliveryId);
    assertThat(page.get("items").get(0).has("payload")).isFalse();
  }

  @Test
  void aFailingReceiverGetsFourAttemptsSpacedByTheSchedule() {
    Registered endpoint = register(503, "contact.saved");

    String deliveryId =
        publish(
                "{\"userId\": \"%s\", \"type\": \"contact.saved\", \"data\": {\"contactId\": \"k1\"}}"
                    .formatted(user))
            .json()
            .get("deliveries")
            .get(0)
            .get("id")
            .asString();

    String detailPath = "/api/webhooks/" + endpoint.id() + "/deliveries/" + deliveryId;
    await()
        .atMost(Duration.ofSeconds(40))
        .until(() -> api.get(detailPath, token).json().get("status").asString().equals("failed"));

    List<LoggedRequest> requests = received(endpoint.path());
    assertThat(requests).hasSize(4);
    long[] expectedGapsMs = {1000, 2000, 3000};
    for (int i = 1; i < requests.size(); i++) {
      long gap =
          requests.get(i).getLoggedDate().getTime() - requests.get(i - 1).getLoggedDate().getTime();
      assertThat(gap)
          .as("gap before attempt %d", i + 1)
          .isBetween(expectedGapsMs[i - 1], expectedGapsMs[i - 1] + 1500);
    }
    JsonNode detail = api.get(detailPath, token).json();
    assertThat(detail.get("attempts").asInt()).isEqualTo(4);
    assertThat(detail.get("responseCode").asInt()).isEqualTo(503);
    assertThat(detail.get("nextRetryAt").isNull()).isTrue();
    List<Integer> numbers = new ArrayList<>();
    detail
        .get("attemptLog")
        .values()
        .forEach(attempt -> numbers.add(attempt.get("attempt").asInt()));
    assertThat(numbers).containsExactly(1, 2, 3, 4);
    for (JsonNode attempt : detail.get("attemptLog").values()) {
      assertThat(attempt.get("responseCode").asInt()).isEqualTo(503);
    }
    String bodyOfFirst = new String(requests.get(0).getBody(), StandardCharsets.UTF_8);
    for (LoggedRequest request : requests) {
      assertThat(new String(request.getBody(), StandardCharsets.UTF_8)).isEqualTo(bodyOfFirst);
      assertThat(request.getHeader("webhook-id")).isEqualTo(deliveryId);
    }
  }

  @Test
  void theSameEventIdTwiceGivesOneDeliveryAndTheFirstAnswer() {
    Registered endpoint = register(204, "card.viewed");
    String body =
        "{\"id\": \"evt-2f1c\", \"userId\": \"%s\", \"type\": \"card.viewed\", \"data\": {}}"
            .formatted(user);

    Response first = publish(body);
    Response second = publish(body);

    assertThat(first.status()).isEqualTo(202);
    assertThat(second.status()).isEqualTo(202);
    assertThat(second.json()).isEqualTo(first.json());
    await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> true);
    assertThat(received(endpoint.path())).hasSize(1);
    assertThat(
            api.get("/api/webhooks/" + endpoint.id() + "/deliveries", token)
                .json()
                .get("items")
                .size())
        .isEqualTo(1);
  }

  @Test
  void onlyActiveSubscribedEndpointsGetDeliveries() {
    Registered subscribed = register(204, "card.viewed");
    register(204, "contact.saved");
    Registered inactive = register(204, "card.viewed");
    api.patch("/api/webhooks/" + inactive.id(), token, "{\"isActive\": false}");

    Response dispatched =
        publish("{\"userId\": \"%s\", \"type\": \"card.viewed\", \"data\": {}}".formatted(user));

    JsonNode deliveries = dispatched.json().get("deliveries");
    assertThat(deliveries.size()).isEqualTo(1);
    assertThat(deliveries.get(0).get("endpointId").asString()).isEqualTo(subscribed.id());
    Response nobody =
        publish(
            "{\"userId\": \"nobody-%s\", \"type\": \"card.viewed\", \"data\": {}}"
                .formatted(UUID.randomUUID()));
    assertThat(nobody.status()).isEqualTo(202);
    assertThat(nobody.json().get("deliveries").size()).isZero();
  }

  @Test
  void theTestRouteSendsWebhookTestToThatEndpointAlone() {
    Registered endpoint = register(200, "contact.saved");

    Response sent = api.post("/api/webhooks/" + endpoint.id() + "/test", token, "");

    assertThat(sent.status()).isEqualTo(202);
    String deliveryId = sent.json().get("deliveryId").asString();
    await().atMost(Duration.ofSeconds(20)).until(() -> received(endpoint.path()).size() == 1);
    LoggedRequest request = received(endpoint.path()).get(0);
    assertThat(request.getHeader("X-DevCard-Event")).isEqualTo("webhook.test");
    assertThat(request.getHeader("X-DevCard-Delivery")).isEqualTo(deliveryId);
  }

  @Test
  void anotherUsersDeliveriesAre404() {
    Registered endpoint = register(204, "card.viewed");
    String deliveryId =
        publish("{\"userId\": \"%s\", \"type\": \"card.viewed\", \"data\": {}}".formatted(user))
            .json()
            .get("deliveries")
            .get(0)
            .get("id")
            .asString();
    String intruder = tokens.user("intruder-" + UUID.randomUUID());

    Response theirs =
        api.get("/api/webhooks/" + endpoint.id() + "/deliveries/" + deliveryId, intruder);
    Response missing = api.get("/api/webhooks/ep_none/deliveries/dlv_none", intruder);

    assertThat(theirs.status()).isEqualTo(404);
    assertThat(theirs.json().get("detail")).isEqualTo(missing.json().get("detail"));
    assertThat(theirs.json().get("type")).isEqualTo(missing.json().get("type"));
    assertThat(api.get("/api/webhooks/" + endpoint.id() + "/deliveries", intruder).status())
        .isEqualTo(404);
  }

  @Test
  void badEventsAreRefusedWithProblems() {
    assertThat(publish("{\"userId\": \"u\", \"type\": \"card.liked\", \"data\": {}}").status())
        .isEqualTo(400);
    assertThat(publish("{\"type\": \"card.viewed\", \"data\": {}}").body()).contains("userId");
    assertThat(publish("{\"userId\": \"u\", \"type\": \"card.viewed\", \"data\": [1]}").body())
        .contains("data");
    String huge =
        "{\"userId\": \"u\", \"type\": \"card.viewed\", \"data\": {\"x\": \"%s\"}}"
            .formatted("y".repeat(300 * 1024));
    assertThat(publish(huge).status()).isEqualTo(413);
  }

  @Test
  void deliveryPagesAreStableWhileNewDeliveriesArrive() {
    Registered endpoint = register(204, "card.viewed");
    for (int i = 0; i < 5; i++) {
      publish("{\"userId\": \"%s\", \"type\": \"card.viewed\", \"data\": {}}".formatted(user));
    }
    String base = "/api/webhooks/" + endpoint.id() + "/deliveries?limit=2";
    JsonNode first = api.get(base, token).json();
    publish("{\"userId\": \"%s\", \"type\": \"card.viewed\", \"data\": {}}".formatted(user));
    List<String> seen = new ArrayList<>();
    first.get("items").values().forEach(item -> seen.add(item.get("id").asString()));
    String cursor = first.get("nextCursor").asString();
    while (cursor != null) {
      JsonNode page = api.get(base + "&cursor=" + cursor, token).json();
      page.get("items").values().forEach(item -> seen.add(item.get("id").asString()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
    }

    assertThat(seen).hasSize(5).doesNotHaveDuplicates();
    assertThat(api.get(base + "&cursor=garbage!", token).status()).isEqualTo(400);
    assertThat(api.get(base.replace("limit=2", "limit=101"), token).status()).isEqualTo(400);
    assertThat(api.get(base + "&status=weird", token).status()).isEqualTo(400);
  }

  private static String hmacHex(String secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }
}
