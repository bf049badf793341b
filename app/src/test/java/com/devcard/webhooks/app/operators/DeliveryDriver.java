package com.devcard.webhooks.app.operators;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient;
import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.app.TestTokens;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** One user's endpoint on a WireMock receiver, and its deliveries, through the public API. */
final class DeliveryDriver {

  final ApiClient api;
  final TestTokens tokens;
  final String user = "user-" + UUID.randomUUID();
  final String token;
  private final WireMockExtension receiver;
  private final String path = "/hook-" + UUID.randomUUID();
  final String endpointId;

  DeliveryDriver(int port, String jwtSecret, WireMockExtension receiver, int status) {
    this.api = new ApiClient(port);
    this.tokens = new TestTokens(jwtSecret);
    this.token = tokens.user(user);
    this.receiver = receiver;
    answer(status);
    Response created =
        api.post(
            "/api/webhooks",
            token,
            "{\"url\": \"http://127.0.0.1:%d%s\", \"events\": [\"card.viewed\"]}"
                .formatted(receiver.getPort(), path));
    assertThat(created.status()).isEqualTo(201);
    this.endpointId = created.json().get("id").asString();
  }

  /** From now on the receiver answers with this status. */
  void answer(int status) {
    receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(status)));
  }

  String publish() {
    Response dispatched =
        api.post(
            "/api/events",
            tokens.withScope("devcard-backend", "events:publish"),
            "{\"userId\": \"%s\", \"type\": \"card.viewed\", \"data\": {}}".formatted(user));
    assertThat(dispatched.status()).isEqualTo(202);
    return dispatched.json().get("deliveries").get(0).get("id").asString();
  }

  String deliveryPath(String deliveryId) {
    return "/api/webhooks/" + endpointId + "/deliveries/" + deliveryId;
  }

  JsonNode detail(String deliveryId) {
    Response response = api.get(deliveryPath(deliveryId), token);
    assertThat(response.status()).isEqualTo(200);
    return response.json();
  }

  Response retry(String deliveryId) {
    return api.post(deliveryPath(deliveryId) + "/retry", token, "");
  }

  Response adminCancel(String deliveryId) {
    return api.post(
        "/api/admin/deliveries/" + deliveryId + "/cancel",
        tokens.withScope("ops-" + UUID.randomUUID(), "webhooks:admin"),
        "");
  }

  void awaitStatus(String deliveryId, String status, int attempts) {
    await()
        .atMost(Duration.ofSeconds(15))
        .until(
            () -> {
              JsonNode detail = detail(deliveryId);
              return detail.get("status").asString().equals(status)
                  && detail.get("attempts").asInt() == attempts;
            });
  }

  /** The attempt log as "number trigger responseCode" lines. */
  List<String> log(String deliveryId) {
    List<String> lines = new ArrayList<>();
    for (JsonNode attempt : detail(deliveryId).get("attemptLog").values()) {
      lines.add(
          attempt.get("attempt").asInt()
              + " "
              + attempt.get("trigger").asString()
              + " "
              + (attempt.get("responseCode").isNull() ? "-" : attempt.get("responseCode").asInt()));
    }
    return lines;
  }

  List<LoggedRequest> received() {
    List<LoggedRequest> requests = new ArrayList<>();
    for (ServeEvent event : receiver.getAllServeEvents()) {
      if (event.getRequest().getUrl().equals(path)) {
        requests.add(event.getRequest());
      }
    }
    requests.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
    return requests;
  }
}
