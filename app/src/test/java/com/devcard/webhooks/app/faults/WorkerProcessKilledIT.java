package com.devcard.webhooks.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient;
import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.app.AppClient;
import com.devcard.webhooks.workflows.TaskQueues;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The roles as they are deployed: one api JVM ({@code WEBHOOKS_ROLES=api}) and two worker JVMs
 * ({@code WEBHOOKS_ROLES=worker}) from the production jar, on one PostgreSQL and one Temporal. Four
 * users' 1,000 deliveries go out, one endpoint of each user failing every delivery's first request.
 * Mid-way, while the receiver holds the requests it got, one worker is killed with SIGKILL. Every
 * delivery ends {@code success} with its attempts numbered 1..n, as the API shows them; the
 * receiver sees each delivery, and again only for attempts in flight at the kill; the api alone
 * runs the sweeps, never two runs of one at once; the workers serve health but no API.
 */
class WorkerProcessKilledIT {

  private static final Logger log = LoggerFactory.getLogger(WorkerProcessKilledIT.class);
  private static final int USERS = 4;
  private static final int ENDPOINTS_PER_USER = 5;
  private static final int EVENTS_PER_USER = 50;
  private static final int DELIVERIES = USERS * ENDPOINTS_PER_USER * EVENTS_PER_USER;
  private static final String FLAKY = "/flaky";

  /**
   * Requests the receiver holds when the worker is killed: most of the 64 places fair admission
   * gives four users (16 each), so both workers have attempts under way.
   */
  private static final int HELD_AT_KILL = 40;

  /** The line the attempt activity logs for each attempt it makes. */
  private static final Pattern ATTEMPT_LOGGED =
      Pattern.compile("attempt \\d+ (succeeded|failed) \\(");

  /** Where one delivery went: its user's token, its endpoint, and whether that one is flaky. */
  record Sent(String token, String endpointId, boolean flaky) {}

  private final ExternalServers servers = ExternalServers.start();
  private final RecordingReceiver receiver = servers.receiver();
  private final AppProcess api;
  private final AppProcess survivor;
  private final AppProcess killed;

  WorkerProcessKilledIT() {
    Map<String, String> environment = servers.environment();
    // Each sweep that runs logs when: the test reads the logs of every process.
    environment.put("LOGGING_LEVEL_COM_DEVCARD_WEBHOOKS_API_SWEEP", "DEBUG");
    for (String every :
        List.of(
            "WEBHOOKS_RECONCILER_RECOVERIES_EVERY",
            "WEBHOOKS_RECONCILER_PROBES_EVERY",
            "WEBHOOKS_HOLD_SWEEP_EVERY",
            "WEBHOOKS_HEALTH_SWEEP_EVERY",
            "WEBHOOKS_SECRETS_ERASE_EXPIRED_EVERY",
            "WEBHOOKS_RETENTION_SWEEP_EVERY",
            "WEBHOOKS_PORTAL_PURGE_EVERY")) {
      environment.put(every, "1s");
    }
    environment.put("WEBHOOKS_RECONCILER_FULL_SWEEP_EVERY", "30s");
    api = new AppProcess("roles-api", withRoles(environment, "api"));
    survivor = new AppProcess("roles-worker-survivor", withRoles(environment, "worker"));
    Map<String, String> killedEnvironment = withRoles(environment, "worker");
    // The Java test server that stands in for Temporal never hands a workflow's task on from the
    // queue of the worker that holds the workflow in memory to another worker (Temporal's server
    // does after WEBHOOKS_TEMPORAL_STICKY_SCHEDULE_TO_START): the worker that dies holds none.
    killedEnvironment.put("WEBHOOKS_TEMPORAL_STICKY_SCHEDULE_TO_START", "0s");
    killed = new AppProcess("roles-worker-killed", killedEnvironment);
  }

  @AfterEach
  void stopServers() throws Exception {
    killed.close();
    survivor.close();
    api.close();
    servers.close();
  }

  @Test
  @Timeout(value = 7, unit = TimeUnit.MINUTES)
  void everyDeliveryEndsSuccessWhenOneOfTwoWorkerProcessesIsKilled() throws Exception {
    // The api first: it creates the schema. Processes that start together on an empty database
    // race to create Liquibase's own tables, and all but one fail.
    api.start();
    AppProcess.startAll(survivor, killed);
    AppClient client = new AppClient(api.port(), servers.jwtSecret());
    assertServesHealthButNoApi(survivor);
    assertServesHealthButNoApi(killed);
    assertThat(client.get("/api/webhooks", null).status()).as("the api's API").isEqualTo(401);

    receiver.failFirstRequestOn(FLAKY, 503);
    Map<String, Sent> sent = publishAll(client);
    assertThat(sent).hasSize(DELIVERIES);

    await()
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> receiver.count() >= DELIVERIES / 4);
    receiver.closeGate();
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> receiver.waiting() >= HELD_AT_KILL);
    killed.kill();
    // What the killed worker had sent but not recorded can no longer be recorded: read the log
    // first, then what the receiver has seen (later requests only widen the allowance).
    Map<String, Integer> recordedAtKill = recordedAttempts();
    Map<String, Long> seenAtKill = receiver.requestsByWebhookId();
    receiver.openGate();
    Map<String, Long> inFlightAtKill = new HashMap<>();
    seenAtKill.forEach(
        (id, requests) -> {
          long unrecorded = requests - recordedAtKill.getOrDefault(id, 0);
          if (unrecorded > 0) {
            inFlightAtKill.put(id, unrecorded);
          }
        });
    long successAtKill = countSuccess();
    log.info(
        "killed a worker with {} deliveries ended, {} requests received, {} unrecorded",
        successAtKill,
        seenAtKill.values().stream().mapToLong(Long::longValue).sum(),
        inFlightAtKill.values().stream().mapToLong(Long::longValue).sum());
    assertThat(successAtKill).as("the kill came mid-way").isLessThan(DELIVERIES);

    long killedAt = System.nanoTime();
    // The killed worker's attempts go to the survivor once their heartbeats have been missing for
    // 20 s; without heartbeats they would wait out their 2-minute start-to-close timeout first.
    await()
        .atMost(Duration.ofSeconds(100))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> countSuccess() == DELIVERIES);
    log.info(
        "all {} deliveries succeeded {} s after the kill",
        DELIVERIES,
        Duration.ofNanos(System.nanoTime() - killedAt).toSeconds());

    awaitWorkflowsCompleted(sent.keySet());

    Map<String, Integer> attempts = assertAttemptLogsThroughTheApi(client, sent);
    Map<String, Long> requests = receiver.requestsByWebhookId();
    assertThat(requests.keySet()).isEqualTo(sent.keySet());
    long repeated = 0;
    for (Map.Entry<String, Long> seen : requests.entrySet()) {
      String id = seen.getKey();
      long again = seen.getValue() - attempts.get(id);
      assertThat(again)
          .as("requests of %s beyond its attempts (in flight at the kill: the most)", id)
          .isBetween(0L, inFlightAtKill.getOrDefault(id, 0L));
      repeated += again;
    }
    log.info("{} requests were sent again after the kill", repeated);
    assertThat(repeated).as("attempts the kill cut short were made again").isPositive();
    receiver.assertRepeatsCarryTheSameBody();

    assertThat(attemptsLogged(api.log())).as("attempts made by the api").isZero();
    assertThat(attemptsLogged(survivor.log())).as("attempts made by the survivor").isPositive();
    assertThat(attemptsLogged(killed.log())).as("attempts made before the kill").isPositive();

    List<SweepRuns.Run> sweeps = SweepRuns.logged("api", api.log());
    assertThat(sweeps.stream().map(SweepRuns.Run::sweep))
        .contains("admission", "pending-deliveries", "unstarted-deliveries", "expired-holds");
    assertThat(SweepRuns.logged("survivor", survivor.log())).isEmpty();
    assertThat(SweepRuns.logged("killed", killed.log())).isEmpty();
    SweepRuns.assertOneAtATime(sweeps);
  }

  private static Map<String, String> withRoles(Map<String, String> environment, String roles) {
    Map<String, String> withRoles = new HashMap<>(environment);
    withRoles.put("WEBHOOKS_ROLES", roles);
    return withRoles;
  }

  /** A worker process answers its health check, and has no API to answer with. */
  private static void assertServesHealthButNoApi(AppProcess worker) {
    ApiClient client = new ApiClient(worker.port());
    assertThat(client.get("/actuator/health", null).status()).isEqualTo(200);
    assertThat(client.get("/api/webhooks", null).status()).isEqualTo(404);
  }

  /**
   * Each user's endpoints, one of them flaky, then its events, one sender per user; returns every
   * delivery the dispatches made, by id.
   */
  private Map<String, Sent> publishAll(AppClient client) throws InterruptedException {
    Map<String, Sent> sent = new ConcurrentHashMap<>();
    String publisher = client.publisher();
    ExecutorService senders = Executors.newFixedThreadPool(USERS);
    for (int user = 0; user < USERS; user++) {
      String userId = "roles-user-" + user;
      senders.execute(() -> publishForUser(client, publisher, userId, sent));
    }
    senders.shutdown();
    assertThat(senders.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
    return sent;
  }

  private void publishForUser(
      AppClient client, String publisher, String userId, Map<String, Sent> sent) {
    String token = client.tokens().user(userId);
    Map<String, Boolean> flaky = new HashMap<>();
    for (int i = 0; i < ENDPOINTS_PER_USER; i++) {
      String path = "/" + userId + (i == 0 ? FLAKY : "/steady-" + i);
      flaky.put(client.createEndpoint(token, receiver.url(path)), i == 0);
    }
    for (int event = 0; event < EVENTS_PER_USER; event++) {
      Response dispatched =
          client.post(
              "/api/events",
              publisher,
              "{\"id\": \"%s-%d\", \"userId\": \"%s\", \"type\": \"card.viewed\", \"data\": {}}"
                  .formatted(userId, event, userId));
      assertThat(dispatched.status()).as(dispatched.body()).isEqualTo(202);
      for (JsonNode delivery : dispatched.json().get("deliveries")) {
        String endpointId = delivery.get("endpointId").asString();
        sent.put(delivery.get("id").asString(), new Sent(token, endpointId, flaky.get(endpointId)));
      }
    }
  }

  /**
   * Reads every delivery through the API and checks its log: {@code success}, attempts numbered
   * 1..n, each but the last a {@code 503}, one attempt for a steady endpoint and at most two for a
   * flaky one. Returns n by delivery.
   */
  private static Map<String, Integer> assertAttemptLogsThroughTheApi(
      AppClient client, Map<String, Sent> sent) {
    Map<String, JsonNode> views = new ConcurrentHashMap<>();
    sent.entrySet().parallelStream()
        .forEach(
            delivery -> {
              Response view =
                  client.get(
                      "/api/webhooks/%s/deliveries/%s"
                          .formatted(delivery.getValue().endpointId(), delivery.getKey()),
                      delivery.getValue().token());
              assertThat(view.status()).as(view.body()).isEqualTo(200);
              views.put(delivery.getKey(), view.json());
            });
    Map<String, Integer> attempts = new HashMap<>();
    views.forEach(
        (id, view) -> {
          List<JsonNode> logged = new ArrayList<>();
          view.get("attemptLog").forEach(logged::add);
          int n = logged.size();
          assertThat(view.get("status").asString()).as("status of %s", id).isEqualTo("success");
          assertThat(view.get("attempts").asInt()).as("attempts of %s", id).isEqualTo(n);
          assertThat(logged.stream().map(attempt -> attempt.get("attempt").asInt()))
              .as("attempt numbers of %s", id)
              .containsExactlyElementsOf(IntStream.rangeClosed(1, n).boxed().toList());
          assertThat(logged.stream().map(attempt -> attempt.get("responseCode").asInt()))
              .as("answers to %s", id)
              .containsExactlyElementsOf(
                  Stream.concat(Stream.generate(() -> 503).limit(n - 1), Stream.of(204)).toList());
          assertThat(n).as("attempts of %s", id).isBetween(1, sent.get(id).flaky() ? 2 : 1);
          attempts.put(id, n);
        });
    return attempts;
  }

  /**
   * Every delivery's workflow ends in Temporal too: none waits for a task that no worker takes. The
   * delivery log says {@code success} as soon as the attempt is recorded, before the workflow's
   * last task.
   */
  private void awaitWorkflowsCompleted(Set<String> deliveryIds) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(servers.temporal().address())
                .build());
    try {
      WorkflowClient workflows = WorkflowClient.newInstance(stubs);
      Set<String> running = new HashSet<>(deliveryIds);
      await()
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                running.removeAll(
                    running.parallelStream()
                        .filter(
                            id ->
                                workflows
                                        .newUntypedWorkflowStub(TaskQueues.deliveryWorkflowId(id))
                                        .describe()
                                        .getStatus()
                                    == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED)
                        .toList());
                assertThat(running).as("delivery workflows not completed").isEmpty();
              });
    } finally {
      stubs.shutdown();
    }
  }

  private Map<String, Integer> recordedAttempts() {
    Map<String, Integer> recorded = new HashMap<>();
    DeliveryLog deliveryLog = new DeliveryLog(servers.postgres().jdbc("postgres"));
    for (int user = 0; user < USERS; user++) {
      deliveryLog
          .deliveries("roles-user-" + user)
          .forEach(row -> recorded.put(row.id(), row.attempts()));
    }
    return recorded;
  }

  private long countSuccess() {
    DeliveryLog deliveryLog = new DeliveryLog(servers.postgres().jdbc("postgres"));
    return IntStream.range(0, USERS)
        .mapToLong(user -> deliveryLog.countWithStatus("roles-user-" + user, "success"))
        .sum();
  }

  private static long attemptsLogged(Path log) throws IOException {
    try (Stream<String> lines = Files.lines(log)) {
      return lines.filter(line -> ATTEMPT_LOGGED.matcher(line).find()).count();
    }
  }
}
