package com.devcard.webhooks.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.testkit.Receivers;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Endpoints are created, rotated and delivered to (successes, failures with retries, the test
 * route), every error route is provoked, and then no secret, whole or its base64 part, current or
 * previous, nor the master key's material, is found in any log line (debug level included), any
 * Temporal history, any error body, or the list and get routes.
 */
@AppTest
@ExtendWith(OutputCaptureExtension.class)
class NoSecretLeakIT {

  @RegisterExtension static final WireMockExtension receiver = Receivers.perClass();

  @Value("${webhooks.master-key}")
  String masterKey;

  @Autowired WorkflowClient workflowClient;
  @RegisterExtension final DebugLogging debugLogging = new DebugLogging();

  final AppClient app;
  final TestUser user;
  final ReceiverEndpoints endpoints;

  NoSecretLeakIT(@Autowired AppClient app) {
    this.app = app;
    this.user = app.newUser();
    this.endpoints = app.endpoints(user, receiver);
  }

  @Test
  void noSecretReachesLogsHistoryErrorsOrReads(CapturedOutput output) {
    String token = user.token();
    // The create and rotate answers, each showing its one new secret.
    Map<String, String> revealing = new LinkedHashMap<>();
    // Every other answer: none may show any secret.
    List<String> responses = new ArrayList<>();

    String happy = createEndpoint(204, revealing);
    String failing = createEndpoint(500, revealing);
    String revoked = createEndpoint(204, revealing);
    rotate(token, happy, "{\"graceSeconds\": 3600}", revealing);
    rotate(token, happy, "{\"graceSeconds\": 3600}", revealing);
    rotate(token, failing, "{}", revealing);
    rotate(token, revoked, "{\"graceSeconds\": 0}", revealing);
    rotate(token, revoked, "{\"graceSeconds\": 1}", revealing);
    List<String> secrets = List.copyOf(revealing.values());

    List<String> deliveryIds = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Response dispatched = app.publish(user.id(), "{\"i\": %d}".formatted(i));
      responses.add(dispatched.body());
      dispatched
          .json()
          .get("deliveries")
          .values()
          .forEach(delivery -> deliveryIds.add(delivery.get("id").asString()));
    }
    Response test = app.post("/api/webhooks/" + happy + "/test", token, "");
    responses.add(test.body());
    deliveryIds.add(test.json().get("deliveryId").asString());
    assertThat(deliveryIds).hasSize(7);

    // Every error route a client can reach around endpoints and secrets.
    String intruder = app.newUser("intruder").token();
    List<Response> errors =
        List.of(
            app.post("/api/webhooks/" + happy + "/rotate-secret", token, "{\"graceSeconds\": -5}"),
            app.post(
                "/api/webhooks/" + happy + "/rotate-secret", token, "{\"graceSeconds\": \"x\"}"),
            app.post("/api/webhooks/" + happy + "/rotate-secret", token, "{"),
            app.post("/api/webhooks/" + happy + "/rotate-secret", intruder, "{}"),
            app.post("/api/webhooks/" + happy + "/rotate-secret", null, "{}"),
            app.raw(
                "POST",
                "/api/webhooks/" + happy + "/rotate-secret",
                token,
                "text/plain",
                "graceSeconds=5".getBytes(StandardCharsets.UTF_8)),
            app.get("/api/webhooks/" + happy, intruder),
            app.patch("/api/webhooks/" + happy, token, "{\"secret\": \"whsec_x\"}"),
            app.post("/api/webhooks", token, "{\"url\": \"ftp://x\", \"events\": []}"),
            app.post("/api/admin/master-key/re-encrypt", token, ""));
    for (Response error : errors) {
      assertThat(error.status()).isBetween(400, 499);
      assertThat(error.contentType()).startsWith("application/problem+json");
      responses.add(error.body());
    }

    // Reads: endpoint list and get, delivery list and detail.
    for (String endpoint : List.of(happy, failing, revoked)) {
      JsonNode one = app.get("/api/webhooks/" + endpoint, token).json();
      assertThat(one.has("secret")).isFalse();
      responses.add(one.toString());
      responses.add(app.get("/api/webhooks/" + endpoint + "/deliveries", token).body());
    }
    JsonNode list = app.get("/api/webhooks", token).json();
    list.get("items").values().forEach(item -> assertThat(item.has("secret")).isFalse());
    responses.add(list.toString());

    // Wait for every delivery to finish: the failing endpoint runs its whole schedule.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> deliveryIds.stream().allMatch(id -> finished(token, id)));
    for (String id : deliveryIds) {
      responses.add(detail(token, id).toString());
    }

    List<String> histories = new ArrayList<>();
    for (String id : deliveryIds) {
      WorkflowExecutionHistory history = workflowClient.fetchHistory("delivery-" + id);
      assertThat(history.getEvents()).isNotEmpty();
      // JSON carries payloads in base64; the protobuf text form shows their bytes as text.
      histories.add(history.toJson(true));
      histories.add(history.getHistory().toString());
    }
    assertThat(histories.get(1)).contains("DeliveryWorkflow");
    // The text form shows what the payloads carry, so a secret in one would be found.
    assertThat(String.join("\n", histories)).contains("\\\"" + happy + "\\\"");

    String logs = output.getAll();
    // The capture saw the attempts (a slow first attempt may time out, so any number counts).
    assertThat(logs)
        .containsPattern("attempt \\d+ succeeded")
        .containsPattern("attempt \\d+ failed");
    assertThat(secrets).hasSize(8).doesNotHaveDuplicates();
    List<String> forbidden = forbiddenStrings(secrets);
    assertThat(forbidden).hasSizeGreaterThan(secrets.size() * 2);
    // Failures name where a needle was found, not the (huge) haystack.
    for (int i = 0; i < forbidden.size(); i++) {
      String needle = forbidden.get(i);
      assertThat(logs.contains(needle)).as("forbidden string #%d in the logs", i).isFalse();
      for (int h = 0; h < histories.size(); h++) {
        assertThat(histories.get(h).contains(needle))
            .as("forbidden string #%d in Temporal history #%d", i, h)
            .isFalse();
      }
    }
    for (int r = 0; r < responses.size(); r++) {
      for (String secret : secrets) {
        assertThat(responses.get(r).contains(base64(secret)))
            .as("a secret in response body #%d: %s", r, responses.get(r))
            .isFalse();
      }
    }
    revealing.forEach(
        (body, itsSecret) ->
            secrets.stream()
                .filter(secret -> !secret.equals(itsSecret))
                .forEach(
                    other ->
                        assertThat(body.contains(base64(other)))
                            .as("another secret in a create or rotate answer")
                            .isFalse()));
  }

  private String createEndpoint(int status, Map<String, String> revealing) {
    TestEndpoint created = endpoints.register(aResponse().withStatus(status).withBody("no thanks"));
    revealing.put(created.createdBody(), created.secret());
    return created.id();
  }

  private void rotate(String token, String endpointId, String body, Map<String, String> revealing) {
    Response rotated = app.post("/api/webhooks/" + endpointId + "/rotate-secret", token, body);
    assertThat(rotated.status()).isEqualTo(200);
    revealing.put(rotated.body(), rotated.json().get("secret").asString());
  }

  private JsonNode detail(String token, String deliveryId) {
    for (String endpoint : endpointsOf(token)) {
      Response response = app.get("/api/webhooks/" + endpoint + "/deliveries/" + deliveryId, token);
      if (response.status() == 200) {
        return response.json();
      }
    }
    throw new AssertionError("delivery " + deliveryId + " not found");
  }

  private List<String> endpointsOf(String token) {
    List<String> ids = new ArrayList<>();
    app.get("/api/webhooks", token)
        .json()
        .get("items")
        .values()
        .forEach(item -> ids.add(item.get("id").asString()));
    return ids;
  }

  private boolean finished(String token, String deliveryId) {
    return Set.of("success", "failed").contains(detail(token, deliveryId).get("status").asString());
  }

  private static String base64(String secret) {
    return secret.substring("whsec_".length());
  }

  /**
   * Each secret whole and its base64 part, and every key value of the master keyset (the base64 of
   * Tink's serialized key, which holds the raw key bytes).
   */
  private List<String> forbiddenStrings(List<String> secrets) {
    List<String> forbidden = new ArrayList<>();
    for (String secret : secrets) {
      forbidden.add(secret);
      forbidden.add(base64(secret));
    }
    Matcher keyValues = Pattern.compile("\"value\"\\s*:\\s*\"([^\"]+)\"").matcher(masterKey);
    while (keyValues.find()) {
      forbidden.add(keyValues.group(1));
    }
    return forbidden;
  }
}
