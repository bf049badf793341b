package com.devcard.webhooks.app.recovery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient;
import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.app.TestTokens;
import com.devcard.webhooks.app.WebhooksApplication;
import com.devcard.webhooks.store.recovery.NewRecovery;
import com.devcard.webhooks.store.recovery.Recovery;
import com.devcard.webhooks.store.recovery.RecoveryRepository;
import com.devcard.webhooks.testkit.WithWebhooksStack;
import com.devcard.webhooks.workflows.TaskQueues;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
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
 * Bulk recovery on the running app: deliveries fail against a receiver that answers 503 (one retry
 * after 1 s), the receiver recovers, and a recovery retries each failed delivery once, two per
 * second, each visible in the delivery's log as a manual attempt.
 */
@WithWebhooksStack
@SpringBootTest(
    classes = WebhooksApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "webhooks.allow-http=true",
      "webhooks.allow-private-targets=true",
      "webhooks.retry-delays=1s",
      "webhooks.delivery.timeout=2s",
      "webhooks.recovery.rate=2",
      "webhooks.reconciler.recoveries-every=1s",
      "webhooks.metrics.backlog-every=1s"
    })
class BulkRecoveryIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  static WireMockServer receiver;

  @LocalServerPort int port;

  @Value("${webhooks.jwt.secret}")
  String jwtSecret;

  @Autowired RecoveryRepository recoveries;
  @Autowired WorkflowClient temporal;
  @Autowired JdbcClient jdbc;

  ApiClient api;
  TestTokens tokens;
  String user;
  String token;
  String operator;

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
    operator = tokens.withScope("ops-" + UUID.randomUUID(), "webhooks:admin");
  }

  @Test
  void failedDeliveriesAreRetriedOnceEachAtTheRateOnceTheReceiverIsBack() {
    Instant since = Instant.now().minusSeconds(1);
    Endpoint endpoint = endpointAnswering(503);
    List<String> deliveries = failedDeliveries(endpoint, 3);
    answer(endpoint, 200);

    Response started =
        api.post(
            "/api/webhooks/" + endpoint.id() + "/recover", token, "{\"since\": \"" + since + "\"}");

    assertThat(started.status()).isEqualTo(202);
    JsonNode view = started.json();
    String recoveryId = view.get("id").asString();
    assertThat(started.location()).isEqualTo("/api/recoveries/" + recoveryId);
    assertThat(view.get("state").asString()).isEqualTo("running");
    assertThat(view.get("total").asInt()).isEqualTo(3);
    assertThat(view.get("createdAt").asString()).endsWith("Z");
    List<Integer> progress = new ArrayList<>();
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              JsonNode now = api.get("/api/recoveries/" + recoveryId, token).json();
              progress.add(now.get("done").asInt());
              return now.get("state").asString().equals("completed");
            });

    JsonNode done = api.get("/api/recoveries/" + recoveryId, token).json();
    assertThat(done.get("total").asInt()).isEqualTo(3);
    assertThat(done.get("done").asInt()).isEqualTo(3);
    assertThat(done.get("succeeded").asInt()).isEqualTo(3);
    assertThat(done.get("failed").asInt()).isZero();
    assertThat(progress).isSorted();
    for (String deliveryId : deliveries) {
      JsonNode delivery =
          api.get("/api/webhooks/" + endpoint.id() + "/deliveries/" + deliveryId, token).json();
      assertThat(delivery.get("status").asString()).isEqualTo("success");
      assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
      assertThat(delivery.get("nextRetryAt").isNull()).isTrue();
      JsonNode log = delivery.get("attemptLog");
      assertThat(log.size()).isEqualTo(3);
      assertThat(log.get(2).get("attempt").asInt()).isEqualTo(3);
      assertThat(log.get(2).get("trigger").asString()).isEqualTo("manual");
      assertThat(log.get(2).get("responseCode").asInt()).isEqualTo(200);
    }
    // Two per second: the third manual request waited for the second batch.
    List<LoggedRequest> requests = received(endpoint);
    assertThat(requests).hasSize(9);
    List<LoggedRequest> manual = requests.subList(6, 9);
    assertThat(manual.get(2).getLoggedDate().getTime() - manual.get(0).getLoggedDate().getTime())
        .isGreaterThanOrEqualTo(1_000);
  }

  @Test
  void aManualAttemptThatFailsAgainIsCountedFailedAndTheDeliveryStaysFailed() {
    Endpoint endpoint = endpointAnswering(503);
    String deliveryId = failedDeliveries(endpoint, 1).getFirst();

    String recoveryId = startOwnRecovery(endpoint, Instant.now().minusSeconds(60));
    JsonNode done = awaitState("/api/recoveries/" + recoveryId, token, "completed");

    assertThat(done.get("failed").asInt()).isEqualTo(1);
    assertThat(done.get("succeeded").asInt()).isZero();
    JsonNode delivery =
        api.get("/api/webhooks/" + endpoint.id() + "/deliveries/" + deliveryId, token).json();
    assertThat(delivery.get("status").asString()).isEqualTo("failed");
    assertThat(delivery.get("nextRetryAt").isNull()).isTrue();
    assertThat(delivery.get("attemptLog").get(2).get("trigger").asString()).isEqualTo("manual");
  }

  @Test
  void anotherUsersRecoveryAndEndpointAnswer404() {
    Endpoint endpoint = endpointAnswering(200);
    String recoveryId = startOwnRecovery(endpoint, Instant.now());
    String stranger = tokens.user("stranger-" + UUID.randomUUID());

    Response read = api.get("/api/recoveries/" + recoveryId, stranger);
    Response cancel = api.delete("/api/recoveries/" + recoveryId, stranger);
    Response recover =
        api.post(
            "/api/webhooks/" + endpoint.id() + "/recover",
            stranger,
            "{\"since\": \"2026-01-01T00:00:00Z\"}");
    Response unknown = api.get("/api/recoveries/rcv_does_not_exist", stranger);

    for (Response response : List.of(read, cancel, recover, unknown)) {
      assertThat(response.status()).isEqualTo(404);
      assertThat(response.contentType()).startsWith("application/problem+json");
    }
    // Exactly the answer for a recovery that does not exist: nothing tells them it does.
    assertThat(read.json().get("detail")).isEqualTo(unknown.json().get("detail"));
    assertThat(api.get("/api/recoveries/" + recoveryId, token).status()).isEqualTo(200);
  }

  @Test
  void operatorRoutesNeedTheAdminScopeAndSeeEveryRecovery() {
    Endpoint endpoint = endpointAnswering(200);
    String recoveryId = startOwnRecovery(endpoint, Instant.now());

    assertThat(api.post("/api/admin/recover", token, "{\"userId\": \"" + user + "\"}").status())
        .isEqualTo(403);
    assertThat(api.get("/api/admin/recoveries/" + recoveryId, token).status()).isEqualTo(403);
    assertThat(api.delete("/api/admin/recoveries/" + recoveryId, token).status()).isEqualTo(403);
    assertThat(api.get("/api/admin/recoveries/" + recoveryId, null).status()).isEqualTo(401);

    Response read = api.get("/api/admin/recoveries/" + recoveryId, operator);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().get("id").asString()).isEqualTo(recoveryId);
  }

  @Test
  void anOperatorRecoversAUsersFailedDeliveriesAcrossEndpoints() {
    Endpoint first = endpointAnswering(503);
    Endpoint second = endpointAnswering(503);
    // One event, one delivery to each endpoint.
    failedDeliveries(first, 1);
    answer(first, 200);
    answer(second, 200);

    Response started = api.post("/api/admin/recover", operator, "{\"userId\": \"" + user + "\"}");

    assertThat(started.status()).isEqualTo(202);
    String recoveryId = started.json().get("id").asString();
    assertThat(started.location()).isEqualTo("/api/admin/recoveries/" + recoveryId);
    assertThat(started.json().get("total").asInt()).isEqualTo(2);
    JsonNode done = awaitState("/api/admin/recoveries/" + recoveryId, operator, "completed");
    assertThat(done.get("succeeded").asInt()).isEqualTo(2);
    // An operator's recovery is not the user's to read.
    assertThat(api.get("/api/recoveries/" + recoveryId, token).status()).isEqualTo(404);
  }

  @Test
  void badInputIsA400AndWritesNothing() {
    Endpoint endpoint = endpointAnswering(200);
    long before = recoveryRows();
    String path = "/api/webhooks/" + endpoint.id() + "/recover";

    assertValidation(api.post(path, token, "{\"since\": \"yesterday\"}"), "since");
    assertValidation(api.post(path, token, "{\"since\": \"2026-01-01\"}"), "since");
    assertValidation(api.post(path, token, "{\"since\": 1767225600}"), "since");
    assertValidation(api.post(path, token, "{}"), "since");
    assertValidation(
        api.post(path, token, "{\"since\": \"2026-01-01T00:00:00Z\", \"limit\": 5}"), "limit");
    assertThat(api.post(path, token, "{\"since\": ").status()).isEqualTo(400);
    assertThat(api.raw("POST", path, token, "text/plain", "x".getBytes()).status()).isEqualTo(415);
    assertValidation(api.post("/api/admin/recover", operator, "{}"), "body");
    assertValidation(
        api.post("/api/admin/recover", operator, "{\"all\": true, \"userId\": \"u\"}"), "all");
    assertValidation(api.post("/api/admin/recover", operator, "{\"all\": \"yes\"}"), "all");
    assertValidation(
        api.post("/api/admin/recover", operator, "{\"userId\": \"" + "u".repeat(129) + "\"}"),
        "userId");
    assertThat(
            api.post("/api/admin/recover", operator, "{\"endpointId\": \"ep_does_not_exist\"}")
                .status())
        .isEqualTo(404);

    assertThat(recoveryRows()).isEqualTo(before);
  }

  @Test
  void cancellingARecoveryStopsItAndItStaysCancelled() {
    Endpoint endpoint = endpointAnswering(503);
    failedDeliveries(endpoint, 6);
    String recoveryId = startOwnRecovery(endpoint, Instant.now().minusSeconds(60));

    Response cancelled = api.delete("/api/recoveries/" + recoveryId, token);

    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.json().get("state").asString()).isEqualTo("cancelled");
    await()
        .atMost(WAIT)
        .until(
            () -> status(recoveryId) == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
    JsonNode after = api.get("/api/recoveries/" + recoveryId, token).json();
    assertThat(after.get("state").asString()).isEqualTo("cancelled");
    // At most the first batch (two per second) was under way when the cancel came.
    assertThat(after.get("done").asInt()).isLessThanOrEqualTo(2);
    assertThat(received(endpoint).size()).isLessThanOrEqualTo(12 + 2);
    // Cancelling again answers the same view.
    Response again = api.delete("/api/recoveries/" + recoveryId, token);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("state").asString()).isEqualTo("cancelled");
  }

  @Test
  void aRecoveryTerminatedInTemporalEndsCancelled() {
    Endpoint endpoint = endpointAnswering(503);
    failedDeliveries(endpoint, 6);
    String recoveryId = startOwnRecovery(endpoint, Instant.now().minusSeconds(60));

    temporal
        .newUntypedWorkflowStub(TaskQueues.recoveryWorkflowId(recoveryId))
        .terminate("operator test");

    JsonNode ended = awaitState("/api/admin/recoveries/" + recoveryId, operator, "cancelled");
    assertThat(ended.get("done").asInt()).isLessThan(6);
  }

  @Test
  void aRunningRecoveryWithoutAWorkflowIsStartedByTheReconciler() {
    Endpoint endpoint = endpointAnswering(503);
    failedDeliveries(endpoint, 2);
    answer(endpoint, 200);
    // As if the process stopped between creating the recovery and starting its workflow, or the
    // dev profile's in-memory Temporal lost it in a restart.
    Recovery recovery =
        recoveries.create(new NewRecovery(user, user, user, endpoint.id(), null, 2));

    JsonNode done = awaitState("/api/recoveries/" + recovery.id(), token, "completed");

    assertThat(done.get("succeeded").asInt()).isEqualTo(2);
    assertThat(status(recovery.id()))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
  }

  @Test
  void recoveriesInProgressAreAGauge() {
    Endpoint endpoint = endpointAnswering(503);
    failedDeliveries(endpoint, 6);
    startOwnRecovery(endpoint, Instant.now().minusSeconds(60));

    await().atMost(WAIT).until(() -> runningGauge() >= 1);
  }

  // --- helpers

  private record Endpoint(String id, String path) {}

  private Endpoint endpointAnswering(int status) {
    String path = "/hook-" + UUID.randomUUID();
    Endpoint endpoint =
        new Endpoint(
            api.post(
                    "/api/webhooks",
                    token,
                    "{\"url\": \"http://127.0.0.1:%d%s\", \"events\": [\"card.viewed\"]}"
                        .formatted(receiver.port(), path))
                .json()
                .get("id")
                .asString(),
            path);
    answer(endpoint, status);
    return endpoint;
  }

  /** The latest stub for a path wins, so this switches what the receiver answers. */
  private static void answer(Endpoint endpoint, int status) {
    receiver.stubFor(post(urlEqualTo(endpoint.path())).willReturn(aResponse().withStatus(status)));
  }

  /**
   * Publishes {@code count} events and waits until every delivery they made (one per endpoint of
   * the user) has failed both attempts. Returns the deliveries to {@code endpoint}.
   */
  private List<String> failedDeliveries(Endpoint endpoint, int count) {
    String publisher = tokens.withScope("devcard-backend", "events:publish");
    List<String> paths = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Response published =
          api.post(
              "/api/events",
              publisher,
              "{\"userId\": \"%s\", \"type\": \"card.viewed\", \"data\": {\"n\": %d}}"
                  .formatted(user, i));
      assertThat(published.status()).isEqualTo(202);
      for (JsonNode delivery : published.json().get("deliveries")) {
        String id = delivery.get("id").asString();
        String endpointId = delivery.get("endpointId").asString();
        paths.add("/api/webhooks/" + endpointId + "/deliveries/" + id);
        if (endpointId.equals(endpoint.id())) {
          ids.add(id);
        }
      }
    }
    await()
        .atMost(WAIT)
        .until(
            () ->
                paths.stream()
                    .allMatch(
                        path ->
                            api.get(path, token)
                                .json()
                                .path("status")
                                .asString()
                                .equals("failed")));
    return ids;
  }

  private String startOwnRecovery(Endpoint endpoint, Instant since) {
    Response started =
        api.post(
            "/api/webhooks/" + endpoint.id() + "/recover", token, "{\"since\": \"" + since + "\"}");
    assertThat(started.status()).isEqualTo(202);
    return started.json().get("id").asString();
  }

  private JsonNode awaitState(String path, String bearer, String state) {
    await()
        .atMost(WAIT)
        .until(() -> api.get(path, bearer).json().get("state").asString().equals(state));
    return api.get(path, bearer).json();
  }

  private WorkflowExecutionStatus status(String recoveryId) {
    return temporal
        .newUntypedWorkflowStub(TaskQueues.recoveryWorkflowId(recoveryId))
        .describe()
        .getStatus();
  }

  private static void assertValidation(Response response, String field) {
    assertThat(response.status()).as(response.body()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
  }

  private long recoveryRows() {
    return jdbc.sql("select count(*) from webhook_recoveries").query(Long.class).single();
  }

  private double runningGauge() {
    String metrics = api.get("/actuator/prometheus", null).body();
    return metrics
        .lines()
        .filter(line -> line.startsWith("webhooks_recoveries_running "))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
        .findFirst()
        .orElse(-1);
  }

  private static List<LoggedRequest> received(Endpoint endpoint) {
    List<LoggedRequest> requests = new ArrayList<>();
    for (ServeEvent event : receiver.getAllServeEvents()) {
      if (event.getRequest().getUrl().equals(endpoint.path())) {
        requests.add(event.getRequest());
      }
    }
    requests.sort(Comparator.comparing(LoggedRequest::getLoggedDate));
    return requests;
  }
}
