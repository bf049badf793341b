package com.devcard.webhooks.app.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.app.AppClient;
import com.devcard.webhooks.app.ReceiverEndpoints;
import com.devcard.webhooks.app.TestEndpoint;
import com.devcard.webhooks.app.TestUser;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** One user's endpoint on a WireMock receiver, and its deliveries, through the public API. */
final class DeliveryDriver {

  final AppClient api;
  final String token;
  private final TestUser user;
  private final ReceiverEndpoints endpoints;
  private final TestEndpoint endpoint;
  final String endpointId;

  DeliveryDriver(AppClient app, WireMockExtension receiver, int status) {
    this.api = app;
    this.user = app.newUser();
    this.token = user.token();
    this.endpoints = app.endpoints(user, receiver);
    this.endpoint = endpoints.register(status);
    this.endpointId = endpoint.id();
  }

  /** From now on the receiver answers with this status. */
  void answer(int status) {
    endpoints.answer(endpoint, status);
  }

  /** From now on the receiver answers with this status, this long after each request. */
  void answer(int status, Duration after) {
    endpoints.answer(
        endpoint, WireMock.aResponse().withStatus(status).withFixedDelay((int) after.toMillis()));
  }

  String publish() {
    Response dispatched = api.publish(user.id(), "{}");
    assertThat(dispatched.status()).isEqualTo(202);
    return dispatched.json().get("deliveries").get(0).get("id").asString();
  }

  String deliveryPath(String deliveryId) {
    return endpoint.deliveryPath(deliveryId);
  }

  JsonNode detail(String deliveryId) {
    return endpoints.detail(endpoint, deliveryId);
  }

  Response retry(String deliveryId) {
    return api.post(deliveryPath(deliveryId) + "/retry", token, "");
  }

  Response adminCancel(String deliveryId) {
    return api.post("/api/admin/deliveries/" + deliveryId + "/cancel", api.operator(), "");
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
    return endpoints.received(endpoint);
  }
}
