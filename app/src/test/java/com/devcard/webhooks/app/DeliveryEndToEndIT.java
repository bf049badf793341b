package com.devcard.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.testkit.Receivers;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.standardwebhooks.Webhook;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * From {@code POST /api/events} to a signed POST at a real receiver and back to the delivery log,
 * on the running app with a short retry schedule.
 */
@AppTest
class DeliveryEndToEndIT {

  @RegisterExtension static final WireMockExtension receiver = Receivers.perClass();

  final AppClient app;
  final TestUser user;
  final ReceiverEndpoints endpoints;

  DeliveryEndToEndIT(@Autowired AppClient app) {
    this.app = app;
    this.user = app.newUser();
    this.endpoints = app.endpoints(user, receiver);
  }

  private Response publish(String body) {
    return app.post("/api/events", app.publisher(), body);
  }

  @Test
  void aReportedEventReachesTheReceiverSignedAndTheLogShowsIt() throws Exception {
    TestEndpoint endpoint = endpoints.register(204, "card.viewed");

    Response dispatched =
        publish(
            """
            {"userId": "%s", "type": "card.viewed", "data": {"cardId": "c_7", "price": 12.50}}
            """
                .formatted(user.id()));

    assertThat(dispatched.status()).isEqualTo(202);
    String eventId = dispatched.json().get("eventId").asString();
    JsonNode deliveries = dispatched.json().get("deliveries");
    assertThat(deliveries.size()).isEqualTo(1);
    String deliveryId = deliveries.get(0).get("id").asString();
    assertThat(deliveries.get(0).get("endpointId").asString()).isEqualTo(endpoint.id());

    await().atMost(Duration.ofSeconds(20)).until(() -> endpoints.received(endpoint).size() == 1);
    LoggedRequest request = endpoints.received(endpoint).get(0);
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

    JsonNode detail = endpoints.awaitStatus(endpoint, deliveryId, "success");
    assertThat(detail.get("attempts").asInt()).isEqualTo(1);
    assertThat(detail.get("responseCode").asInt()).isEqualTo(204);
    assertThat(detail.get("nextRetryAt").isNull()).isTrue();
    assertThat(detail.get("payload").toString()).isEqualTo(payload.toString());
    JsonNode attempt = detail.get("attemptLog").get(0);
    assertThat(attempt.get("attempt").asInt()).isEqualTo(1);
    assertThat(attempt.get("trigger").asString()).isEqualTo("scheduled");
    assertThat(attempt.get("responseCode").asInt()).isEqualTo(204);
    assertThat(attempt.get("error").isNull()).isTrue();

    JsonNode page = app.get(endpoint.path("/deliveries"), user.token()).json();
    assertThat(page.get("items").get(0).get("id").asString()).isEqualTo(deliveryId);
    assertThat(page.get("items").get(0).has("payload")).isFalse();
  }

  @Test
  void aFailingReceiverGetsFourAttemptsSpacedByTheSchedule() {
    TestEndpoint endpoint = endpoints.register(503, "contact.saved");

    String deliveryId =
        publish(
                "{\"userId\": \"%s\", \"type\": \"contact.saved\", \"data\": {\"contactId\": \"k1\"}}"
                    .formatted(user.id()))
            .json()
            .get("deliveries")
            .get(0)
            .get("id")
            .asString();

    JsonNode detail = endpoints.awaitStatus(endpoint, deliveryId, "failed");

    List<LoggedRequest> requests = endpoints.received(endpoint);
    assertThat(requests).hasSize(4);
    long[] expectedGapsMs = {1000, 2000, 3000};
    for (int i = 1; i < requests.size(); i++) {
      long gap =
          requests.get(i).getLoggedDate().getTime() - requests.get(i - 1).getLoggedDate().getTime();
      assertThat(gap)
          .as("gap before attempt %d", i + 1)
          .isBetween(expectedGapsMs[i - 1], expectedGapsMs[i - 1] + 1500);
    }
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
    TestEndpoint endpoint = endpoints.register(204, "card.viewed");
    String body =
        "{\"id\": \"evt-2f1c\", \"userId\": \"%s\", \"type\": \"card.viewed\", \"data\": {}}"
            .formatted(user.id());

    Response first = publish(body);
    Response second = publish(body);

    assertThat(first.status()).isEqualTo(202);
    assertThat(second.status()).isEqualTo(202);
    assertThat(second.json()).isEqualTo(first.json());
    // No second delivery shows up while the first is sent.
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(endpoints.received(endpoint)).hasSize(1));
    assertThat(app.get(endpoint.path("/deliveries"), user.token()).json().get("items").size())
        .isEqualTo(1);
  }

  @Test
  void onlyActiveSubscribedEndpointsGetDeliveries() {
    TestEndpoint subscribed = endpoints.register(204, "card.viewed");
    endpoints.register(204, "contact.saved");
    TestEndpoint inactive = endpoints.register(204, "card.viewed");
    app.patch("/api/webhooks/" + inactive.id(), user.token(), "{\"isActive\": false}");

    Response dispatched = app.publish(user.id(), "{}");

    JsonNode deliveries = dispatched.json().get("deliveries");
    assertThat(deliveries.size()).isEqualTo(1);
    assertThat(deliveries.get(0).get("endpointId").asString()).isEqualTo(subscribed.id());
    Response nobody = app.publish(app.newUser("nobody").id(), "{}");
    assertThat(nobody.status()).isEqualTo(202);
    assertThat(nobody.json().get("deliveries").size()).isZero();
  }

  @Test
  void theTestRouteSendsWebhookTestToThatEndpointAlone() {
    TestEndpoint endpoint = endpoints.register(200, "contact.saved");

    Response sent = app.post("/api/webhooks/" + endpoint.id() + "/test", user.token(), "");

    assertThat(sent.status()).isEqualTo(202);
    String deliveryId = sent.json().get("deliveryId").asString();
    await().atMost(Duration.ofSeconds(20)).until(() -> endpoints.received(endpoint).size() == 1);
    LoggedRequest request = endpoints.received(endpoint).get(0);
    assertThat(request.getHeader("X-DevCard-Event")).isEqualTo("webhook.test");
    assertThat(request.getHeader("X-DevCard-Delivery")).isEqualTo(deliveryId);
  }

  @Test
  void anotherUsersDeliveriesAre404() {
    TestEndpoint endpoint = endpoints.register(204, "card.viewed");
    String deliveryId =
        app.publish(user.id(), "{}").json().get("deliveries").get(0).get("id").asString();
    String intruder = app.newUser("intruder").token();

    Response theirs = app.get(endpoint.deliveryPath(deliveryId), intruder);
    Response missing = app.get("/api/webhooks/ep_none/deliveries/dlv_none", intruder);

    assertThat(theirs.status()).isEqualTo(404);
    assertThat(theirs.json().get("detail")).isEqualTo(missing.json().get("detail"));
    assertThat(theirs.json().get("type")).isEqualTo(missing.json().get("type"));
    assertThat(app.get(endpoint.path("/deliveries"), intruder).status()).isEqualTo(404);
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
    TestEndpoint endpoint = endpoints.register(204, "card.viewed");
    for (int i = 0; i < 5; i++) {
      app.publish(user.id(), "{}");
    }
    String base = "/api/webhooks/" + endpoint.id() + "/deliveries?limit=2";
    JsonNode first = app.get(base, user.token()).json();
    app.publish(user.id(), "{}");
    List<String> seen = new ArrayList<>();
    first.get("items").values().forEach(item -> seen.add(item.get("id").asString()));
    String cursor = first.get("nextCursor").asString();
    while (cursor != null) {
      JsonNode page = app.get(base + "&cursor=" + cursor, user.token()).json();
      page.get("items").values().forEach(item -> seen.add(item.get("id").asString()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
    }

    assertThat(seen).hasSize(5).doesNotHaveDuplicates();
    assertThat(app.get(base + "&cursor=garbage!", user.token()).status()).isEqualTo(400);
    assertThat(app.get(base.replace("limit=2", "limit=101"), user.token()).status()).isEqualTo(400);
    assertThat(app.get(base + "&status=weird", user.token()).status()).isEqualTo(400);
  }

  private static String hmacHex(String secret, byte[] body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body));
  }
}
