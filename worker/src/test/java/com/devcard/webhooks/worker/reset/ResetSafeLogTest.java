package com.devcard.webhooks.worker.reset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.netguard.HostResolver;
import com.devcard.webhooks.netguard.TargetPolicy;
import com.devcard.webhooks.store.Ids;
import com.devcard.webhooks.store.delivery.Attempt;
import com.devcard.webhooks.store.delivery.Delivery;
import com.devcard.webhooks.store.delivery.NewEvent;
import com.devcard.webhooks.store.endpoint.NewEndpoint;
import com.devcard.webhooks.store.testing.TestStore;
import com.devcard.webhooks.worker.attempt.AttemptMetrics;
import com.devcard.webhooks.worker.attempt.DeliveryActivitiesImpl;
import com.devcard.webhooks.worker.http.OutboundHttpSettings;
import com.devcard.webhooks.worker.http.WebhookHttpClient;
import com.devcard.webhooks.workflows.DeliverySearchAttributes;
import com.devcard.webhooks.workflows.DeliveryWorkflow;
import com.devcard.webhooks.workflows.DeliveryWorkflowImpl;
import com.devcard.webhooks.workflows.DeliveryWorkflowInput;
import com.devcard.webhooks.workflows.TaskQueues;
import com.sun.net.httpserver.HttpServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.ResetWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A workflow reset re-runs attempts; the delivery log must still number them 1, 2, 3, ... and the
 * delivery's status must be its latest attempt's. Real workflow, real activity, real PostgreSQL and
 * a real receiver, on Temporal's time-skipping test server.
 *
 * <p>The test server (temporal-test-server 1.38) does not implement {@code ResetWorkflowExecution}:
 * it answers {@code UNIMPLEMENTED: Method
 * temporal.api.workflowservice.v1.WorkflowService/ResetWorkflowExecution is unimplemented} (the
 * first test pins that, so it fails the day the test server learns resets). What a reset does, as
 * the activity sees it, is run the rest of the schedule again in a new run of the same workflow id,
 * with a new run id: the attempt key ({@code <runId>/<activityId>}) is new, so the re-run attempts
 * are new entries in the log. The second test does exactly that: it stops the run mid-schedule and
 * runs the schedule again from attempt 2 under a fresh run id.
 */
class ResetSafeLogTest {

  private static final List<Duration> SCHEDULE =
      List.of(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(30));

  private static TestStore store;

  private final String user = "user-" + UUID.randomUUID();
  private final List<String> webhookIds = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private HttpServer receiver;
  private WebhookHttpClient http;
  private TestWorkflowEnvironment testEnv;
  private WorkflowClient client;

  @BeforeAll
  static void database() {
    store = TestStore.fresh();
  }

  @BeforeEach
  void start() throws IOException {
    // The first three requests fail, every later one succeeds.
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          webhookIds.add(exchange.getRequestHeaders().getFirst("webhook-id"));
          exchange.sendResponseHeaders(requests.incrementAndGet() <= 3 ? 503 : 204, -1);
          exchange.close();
        });
    receiver.start();

    OutboundHttpSettings settings =
        new OutboundHttpSettings(Duration.ofSeconds(2), "DevCard-Webhooks/test");
    http = new WebhookHttpClient(settings, new TargetPolicy(true, true, HostResolver.system()));
    TestEnvironmentOptions.Builder options = TestEnvironmentOptions.newBuilder();
    testEnv = TestWorkflowEnvironment.newInstance(options.build());
    DeliverySearchAttributes.ALL.forEach(
        key ->
            testEnv.registerSearchAttribute(
                key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    Worker worker = testEnv.newWorker(TaskQueues.DELIVERY);
    worker.registerWorkflowImplementationTypes(DeliveryWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new DeliveryActivitiesImpl(
            store.attemptRecords(),
            store.cancellations(),
            store.endpoints(),
            store.rateLimits(),
            http,
            settings,
            new AttemptMetrics(new SimpleMeterRegistry())));
    testEnv.start();
    client = testEnv.getWorkflowClient();
  }

  @AfterEach
  void stop() {
    testEnv.close();
    http.close();
    receiver.stop(0);
  }

  @Test
  void theTestServerAnswersResetWithUnimplemented() throws InterruptedException {
    String deliveryId = dispatch();
    WorkflowStub run =
        startRun(DeliveryWorkflowInput.fresh(deliveryId, user, "e", "a", "h", SCHEDULE));
    awaitAttempts(deliveryId, 1);

    assertThatThrownBy(() -> reset(run.getExecution(), firstWorkflowTaskCompleted(deliveryId)))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
  }

  @Test
  void attemptsReRunByANewRunAreNumberedOnAndTheStatusFollowsTheLatest()
      throws InterruptedException {
    String deliveryId = dispatch();
    DeliveryWorkflowInput fresh =
        DeliveryWorkflowInput.fresh(deliveryId, user, "e", "a", "h", SCHEDULE);
    WorkflowStub first = startRun(fresh);
    awaitAttempts(deliveryId, 1);
    testEnv.sleep(Duration.ofSeconds(31));
    awaitAttempts(deliveryId, 2);
    // Mid-schedule: attempts 1 and 2 failed, the run waits 5 minutes before attempt 3.
    assertThat(delivery(deliveryId).status()).isEqualTo(DeliveryStatus.PENDING);

    first.terminate("reset to after attempt 1");
    DeliveryWorkflowInput fromAttempt2 =
        new DeliveryWorkflowInput(deliveryId, user, "e", "a", "h", SCHEDULE, 1, Duration.ZERO);
    WorkflowStub second = startRun(fromAttempt2);
    DeliveryStatus result = second.getResult(DeliveryStatus.class);

    // Schedule attempts 2 (again, 503) and 3 (204) of the second run are log entries 3 and 4.
    assertThat(result).isEqualTo(DeliveryStatus.SUCCESS);
    assertThat(second.getExecution().getRunId()).isNotEqualTo(first.getExecution().getRunId());
    List<Attempt> log = attemptLog(deliveryId);
    assertThat(log).extracting(Attempt::attempt).containsExactly(1, 2, 3, 4);
    assertThat(log).extracting(Attempt::responseCode).containsExactly(503, 503, 503, 204);
    Delivery delivery = delivery(deliveryId);
    assertThat(delivery.status()).isEqualTo(DeliveryStatus.SUCCESS);
    assertThat(delivery.attempts()).isEqualTo(4);
    assertThat(delivery.responseCode()).isEqualTo(204);
    assertThat(Set.copyOf(attemptKeys(deliveryId))).hasSize(4);
    assertThat(attemptKeys(deliveryId))
        .extracting(key -> key.substring(0, key.indexOf('/')))
        .containsExactly(
            first.getExecution().getRunId(),
            first.getExecution().getRunId(),
            second.getExecution().getRunId(),
            second.getExecution().getRunId());
    assertThat(webhookIds).hasSize(4).containsOnly(deliveryId);
  }

  private String dispatch() {
    String endpointId =
        store
            .endpoints()
            .create(
                new NewEndpoint(
                    user,
                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                    List.of("a"),
                    null),
                10)
            .endpoint()
            .id();
    NewEvent event =
        new NewEvent(Ids.newId("evt"), user, null, "a", "{}", Instant.now(), SCHEDULE, endpointId);
    return store.dispatches().dispatch(event).deliveries().getFirst().id();
  }

  private WorkflowStub startRun(DeliveryWorkflowInput input) {
    DeliveryWorkflow workflow =
        client.newWorkflowStub(
            DeliveryWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(TaskQueues.deliveryWorkflowId(input.deliveryId()))
                .setTaskQueue(TaskQueues.DELIVERY)
                .setTypedSearchAttributes(DeliverySearchAttributes.atStart(input))
                .build());
    WorkflowClient.start(workflow::deliver, input);
    return WorkflowStub.fromTyped(workflow);
  }

  private void reset(WorkflowExecution execution, long workflowTaskFinishEventId) {
    testEnv
        .getWorkflowServiceStubs()
        .blockingStub()
        .resetWorkflowExecution(
            ResetWorkflowExecutionRequest.newBuilder()
                .setNamespace(testEnv.getNamespace())
                .setWorkflowExecution(execution)
                .setWorkflowTaskFinishEventId(workflowTaskFinishEventId)
                .setReason("re-run the schedule")
                .setRequestId(UUID.randomUUID().toString())
                .build());
  }

  private long firstWorkflowTaskCompleted(String deliveryId) {
    return client.fetchHistory(TaskQueues.deliveryWorkflowId(deliveryId)).getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED)
        .mapToLong(HistoryEvent::getEventId)
        .findFirst()
        .orElseThrow();
  }

  /** Waits in real time: attempts run on the worker's threads against the real receiver. */
  private void awaitAttempts(String deliveryId, int count) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(delivery(deliveryId).attempts())
                    .as("recorded attempts")
                    .isGreaterThanOrEqualTo(count));
  }

  private Delivery delivery(String deliveryId) {
    return store.deliveryLog().findById(deliveryId).orElseThrow();
  }

  private List<Attempt> attemptLog(String deliveryId) {
    Delivery delivery = delivery(deliveryId);
    return store
        .deliveryLog()
        .findDetail(delivery.userId(), delivery.endpointId(), deliveryId)
        .orElseThrow()
        .attemptLog();
  }

  private List<String> attemptKeys(String deliveryId) {
    return store
        .jdbc()
        .sql(
            "select attempt_key from webhook_delivery_attempts"
                + " where delivery_id = :id order by attempt")
        .param("id", deliveryId)
        .query(String.class)
        .list();
  }
}
