package com.devcard.webhooks.app.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.app.AppClient;
import com.devcard.webhooks.app.AppTest;
import com.devcard.webhooks.app.ReceiverEndpoints;
import com.devcard.webhooks.app.TestEndpoint;
import com.devcard.webhooks.app.TestUser;
import com.devcard.webhooks.store.recovery.NewRecovery;
import com.devcard.webhooks.store.recovery.Recovery;
import com.devcard.webhooks.store.recovery.RecoveryRepository;
import com.devcard.webhooks.testkit.Receivers;
import com.devcard.webhooks.workflows.TaskQueues;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Bulk recovery on the running app: deliveries fail against a receiver that answers 503 through
 * their whole schedule, the receiver recovers, and a recovery retries each failed delivery once, at
 * the configured rate per second, each visible in the delivery's log as a manual attempt.
 */
@AppTest
class BulkRecoveryIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @RegisterExtension static final WireMockExtension receiver = Receivers.perClass();

  @Autowired RecoveryRepository recoveries;
  @Autowired WorkflowClient temporal;
  @Autowired JdbcClient jdbc;

  /** Deliveries a recovery retries per second. */
  @Value("${webhooks.recovery.rate}")
  int rate;

  /** The waits between scheduled attempts. */
  @Value("${webhooks.retry-delays}")
  List<Duration> retryDelays;

  final AppClient app;
  final TestUser user;
  final String token;
  final String operator;
  final ReceiverEndpoints endpoints;

  BulkRecoveryIT(@Autowired AppClient app) {
    this.app = app;
    this.user = app.newUser();
    this.token = user.token();
    this.operator = app.operator();
    this.endpoints = app.endpoints(user, receiver);
  }

  /** Attempts a delivery makes on its schedule, before any manual one. */
  private int scheduledAttempts() {
    return retryDelays.size() + 1;
  }

  @Test
  void failedDeliveriesAreRetriedOnceEachAtTheRateOnceTheReceiverIsBack() {
    Instant since = Instant.now().minusSeconds(1);
    TestEndpoint endpoint = endpoints.register(503);
    // One more than a second's share, so that the pacing shows.
    List<String> deliveries = failedDeliveries(endpoint, rate + 1);
    endpoints.answer(endpoint, 200);

    Response started =
        app.post(
            "/api/webhooks/" + endpoint.id() + "/recover", token, "{\"since\": \"" + since + "\"}");

    assertThat(started.status()).isEqualTo(202);
    JsonNode view = started.json();
    String recoveryId = view.get("id").asString();
    assertThat(started.location()).isEqualTo("/api/recoveries/" + recoveryId);
    assertThat(view.get("state").asString()).isEqualTo("running");
    assertThat(view.get("total").asInt()).isEqualTo(rate + 1);
    assertThat(view.get("createdAt").asString()).endsWith("Z");
    List<Integer> progress = new ArrayList<>();
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              JsonNode now = app.get("/api/recoveries/" + recoveryId, token).json();
              progress.add(now.get("done").asInt());
              return now.get("state").asString().equals("completed");
            });

    JsonNode done = app.get("/api/recoveries/" + recoveryId, token).json();
    assertThat(done.get("total").asInt()).isEqualTo(rate + 1);
    assertThat(done.get("done").asInt()).isEqualTo(rate + 1);
    assertThat(done.get("succeeded").asInt()).isEqualTo(rate + 1);
    assertThat(done.get("failed").asInt()).isZero();
    assertThat(progress).isSorted();
    for (String deliveryId : deliveries) {
      JsonNode delivery =
          app.get("/api/webhooks/" + endpoint.id() + "/deliveries/" + deliveryId, token).json();
      assertThat(delivery.get("status").asString()).isEqualTo("success");
      int manualAttempt = scheduledAttempts() + 1;
      assertThat(delivery.get("attempts").asInt()).isEqualTo(manualAttempt);
      assertThat(delivery.get("nextRetryAt").isNull()).isTrue();
      JsonNode log = delivery.get("attemptLog");
      assertThat(log.size()).isEqualTo(manualAttempt);
      JsonNode last = log.get(manualAttempt - 1);
      assertThat(last.get("attempt").asInt()).isEqualTo(manualAttempt);
      assertThat(last.get("trigger").asString()).isEqualTo("manual");
      assertThat(last.get("responseCode").asInt()).isEqualTo(200);
    }
    // The rate per second: the manual request past the first second's share waited for the next.
    List<LoggedRequest> requests = endpoints.received(endpoint);
    int scheduled = (rate + 1) * scheduledAttempts();
    assertThat(requests).hasSize(scheduled + rate + 1);
    List<LoggedRequest> manual = requests.subList(scheduled, requests.size());
    assertThat(manual.get(rate).getLoggedDate().getTime() - manual.get(0).getLoggedDate().getTime())
        .isGreaterThanOrEqualTo(1_000);
  }

  @Test
  void aManualAttemptThatFailsAgainIsCountedFailedAndTheDeliveryStaysFailed() {
    TestEndpoint endpoint = endpoints.register(503);
    String deliveryId = failedDeliveries(endpoint, 1).getFirst();

    String recoveryId = startOwnRecovery(endpoint, Instant.now().minusSeconds(60));
    JsonNode done = awaitState("/api/recoveries/" + recoveryId, token, "completed");

    assertThat(done.get("failed").asInt()).isEqualTo(1);
    assertThat(done.get("succeeded").asInt()).isZero();
    JsonNode delivery =
        app.get("/api/webhooks/" + endpoint.id() + "/deliveries/" + deliveryId, token).json();
    assertThat(delivery.get("status").asString()).isEqualTo("failed");
    assertThat(delivery.get("nextRetryAt").isNull()).isTrue();
    assertThat(delivery.get("attemptLog").get(scheduledAttempts()).get("trigger").asString())
        .isEqualTo("manual");
  }

  @Test
  void anotherUsersRecoveryAndEndpointAnswer404() {
    TestEndpoint endpoint = endpoints.register(200);
    String recoveryId = startOwnRecovery(endpoint, Instant.now());
    String stranger = app.newUser("stranger").token();

    Response read = app.get("/api/recoveries/" + recoveryId, stranger);
    Response cancel = app.delete("/api/recoveries/" + recoveryId, stranger);
    Response recover =
        app.post(
            "/api/webhooks/" + endpoint.id() + "/recover",
            stranger,
            "{\"since\": \"2026-01-01T00:00:00Z\"}");
    Response unknown = app.get("/api/recoveries/rcv_does_not_exist", stranger);

    for (Response response : List.of(read, cancel, recover, unknown)) {
      assertThat(response.status()).isEqualTo(404);
      assertThat(response.contentType()).startsWith("application/problem+json");
    }
    // Exactly the answer for a recovery that does not exist: nothing tells them it does.
    assertThat(read.json().get("detail")).isEqualTo(unknown.json().get("detail"));
    assertThat(app.get("/api/recoveries/" + recoveryId, token).status()).isEqualTo(200);
  }

  @Test
  void operatorRoutesNeedTheAdminScopeAndSeeEveryRecovery() {
    TestEndpoint endpoint = endpoints.register(200);
    String recoveryId = startOwnRecovery(endpoint, Instant.now());

    assertThat(
            app.post("/api/admin/recover", token, "{\"userId\": \"" + user.id() + "\"}").status())
        .isEqualTo(403);
    assertThat(app.get("/api/admin/recoveries/" + recoveryId, token).status()).isEqualTo(403);
    assertThat(app.delete("/api/admin/recoveries/" + recoveryId, token).status()).isEqualTo(403);
    assertThat(app.get("/api/admin/recoveries/" + recoveryId, null).status()).isEqualTo(401);

    Response read = app.get("/api/admin/recoveries/" + recoveryId, operator);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().get("id").asString()).isEqualTo(recoveryId);
  }

  @Test
  void anOperatorRecoversAUsersFailedDeliveriesAcrossEndpoints() {
    TestEndpoint first = endpoints.register(503);
    TestEndpoint second = endpoints.register(503);
    // One event, one delivery to each endpoint.
    failedDeliveries(first, 1);
    endpoints.answer(first, 200);
    endpoints.answer(second, 200);

    Response started =
        app.post("/api/admin/recover", operator, "{\"userId\": \"" + user.id() + "\"}");

    assertThat(started.status()).isEqualTo(202);
    String recoveryId = started.json().get("id").asString();
    assertThat(started.location()).isEqualTo("/api/admin/recoveries/" + recoveryId);
    assertThat(started.json().get("total").asInt()).isEqualTo(2);
    JsonNode done = awaitState("/api/admin/recoveries/" + recoveryId, operator, "completed");
    assertThat(done.get("succeeded").asInt()).isEqualTo(2);
    // An operator's recovery is not the user's to read.
    assertThat(app.get("/api/recoveries/" + recoveryId, token).status()).isEqualTo(404);
  }

  @Test
  void badInputIsA400AndWritesNothing() {
    TestEndpoint endpoint = endpoints.register(200);
    long before = recoveryRows();
    String path = "/api/webhooks/" + endpoint.id() + "/recover";

    assertValidation(app.post(path, token, "{\"since\": \"yesterday\"}"), "since");
    assertValidation(app.post(path, token, "{\"since\": \"2026-01-01\"}"), "since");
    assertValidation(app.post(path, token, "{\"since\": 1767225600}"), "since");
    assertValidation(app.post(path, token, "{}"), "since");
    assertValidation(
        app.post(path, token, "{\"since\": \"2026-01-01T00:00:00Z\", \"limit\": 5}"), "limit");
    assertThat(app.post(path, token, "{\"since\": ").status()).isEqualTo(400);
    assertThat(app.raw("POST", path, token, "text/plain", "x".getBytes()).status()).isEqualTo(415);
    assertValidation(app.post("/api/admin/recover", operator, "{}"), "body");
    assertValidation(
        app.post("/api/admin/recover", operator, "{\"all\": true, \"userId\": \"u\"}"), "all");
    assertValidation(app.post("/api/admin/recover", operator, "{\"all\": \"yes\"}"), "all");
    assertValidation(
        app.post("/api/admin/recover", operator, "{\"userId\": \"" + "u".repeat(129) + "\"}"),
        "userId");
    assertThat(
            app.post("/api/admin/recover", operator, "{\"endpointId\": \"ep_does_not_exist\"}")
                .status())
        .isEqualTo(404);

    assertThat(recoveryRows()).isEqualTo(before);
  }

  @Test
  void cancellingARecoveryStopsItAndItStaysCancelled() {
    TestEndpoint endpoint = endpoints.register(503);
    failedDeliveries(endpoint, 6);
    String recoveryId = startOwnRecovery(endpoint, Instant.now().minusSeconds(60));

    Response cancelled = app.delete("/api/recoveries/" + recoveryId, token);

    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.json().get("state").asString()).isEqualTo("cancelled");
    await()
        .atMost(WAIT)
        .until(
            () -> status(recoveryId) == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
    JsonNode after = app.get("/api/recoveries/" + recoveryId, token).json();
    assertThat(after.get("state").asString()).isEqualTo("cancelled");
    // At most the first second's share was under way when the cancel came.
    assertThat(after.get("done").asInt()).isLessThanOrEqualTo(rate);
    assertThat(endpoints.received(endpoint).size())
        .isLessThanOrEqualTo(6 * scheduledAttempts() + rate);
    // Cancelling again answers the same view.
    Response again = app.delete("/api/recoveries/" + recoveryId, token);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("state").asString()).isEqualTo("cancelled");
  }

  @Test
  void aRecoveryTerminatedInTemporalEndsCancelled() {
    TestEndpoint endpoint = endpoints.register(503);
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
    TestEndpoint endpoint = endpoints.register(503);
    failedDeliveries(endpoint, 2);
    endpoints.answer(endpoint, 200);
    // As if the process stopped between creating the recovery and starting its workflow, or the
    // dev profile's in-memory Temporal lost it in a restart.
    Recovery recovery =
        recoveries.create(new NewRecovery(user.id(), user.id(), user.id(), endpoint.id(), null, 2));

    JsonNode done = awaitState("/api/recoveries/" + recovery.id(), token, "completed");

    assertThat(done.get("succeeded").asInt()).isEqualTo(2);
    assertThat(status(recovery.id()))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
  }

  @Test
  void recoveriesInProgressAreAGauge() {
    TestEndpoint endpoint = endpoints.register(503);
    failedDeliveries(endpoint, 6);
    startOwnRecovery(endpoint, Instant.now().minusSeconds(60));

    await().atMost(WAIT).until(() -> runningGauge() >= 1);
  }

  // --- helpers

  /**
   * Publishes {@code count} events and waits until every delivery they made (one per endpoint of
   * the user) has failed its whole schedule. Returns the deliveries to {@code endpoint}.
   */
  private List<String> failedDeliveries(TestEndpoint endpoint, int count) {
    List<String> paths = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Response published = app.publish(user.id(), "{\"n\": %d}".formatted(i));
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
                            app.get(path, token)
                                .json()
                                .path("status")
                                .asString()
                                .equals("failed")));
    return ids;
  }

  private String startOwnRecovery(TestEndpoint endpoint, Instant since) {
    Response started =
        app.post(
            "/api/webhooks/" + endpoint.id() + "/recover", token, "{\"since\": \"" + since + "\"}");
    assertThat(started.status()).isEqualTo(202);
    return started.json().get("id").asString();
  }

  private JsonNode awaitState(String path, String bearer, String state) {
    await()
        .atMost(WAIT)
        .until(() -> app.get(path, bearer).json().get("state").asString().equals(state));
    return app.get(path, bearer).json();
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
    String metrics = app.get("/actuator/prometheus", null).body();
    return metrics
        .lines()
        .filter(line -> line.startsWith("webhooks_recoveries_running "))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
        .findFirst()
        .orElse(-1);
  }
}
