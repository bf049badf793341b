package com.devcard.webhooks.benchmark;

import com.devcard.webhooks.workflows.TaskQueues;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;

/**
 * Figure 12: fairness under a burst. A quiet user gets one card view every half second; its latency
 * from the dispatch request to the receiver's receipt is measured alone (the baseline), then while
 * a busy user reports a burst of events (5,000 in a full run) as fast as {@value #BURST_CLIENTS}
 * clients can send them. For the burst: its drain rate (from the first request to the last recorded
 * success), its lag from dispatch to first attempt against what that rate implies, and the workflow
 * tasks that failed, read from the Temporal server's histories.
 */
final class Fairness {

  static final int BURST_CLIENTS = 16;
  private static final Duration QUIET_EVERY = Duration.ofMillis(500);
  private static final String QUIET = "fair-quiet";
  private static final String BUSY = "fair-busy-";
  private static final Set<EventType> TASK_FAILURES =
      Set.of(
          EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED, EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT);

  /** What the SDK logs for each workflow task it fails, the deadlock detector's included. */
  private static final String LOGGED_TASK_FAILURE = "Workflow task processing failure";

  /**
   * Percentiles in milliseconds, with the samples they were taken from.
   *
   * @param samples every sample, so that rounds can be pooled: the p99 of about 40 samples of one
   *     round is its worst one, while the p99 over all rounds' samples is a percentile
   */
  record Percentiles(double p50, double p99, double max, int count, List<Double> samples) {
    Percentiles {
      samples = List.copyOf(samples);
    }

    static Percentiles of(List<Double> millis) {
      return new Percentiles(
          Stats.percentile(millis, 50),
          Stats.percentile(millis, 99),
          Stats.percentile(millis, 100),
          millis.size(),
          millis);
    }

    /** The percentiles of every sample of all of them together. */
    static Percentiles pooled(List<Percentiles> rounds) {
      return of(rounds.stream().flatMap(round -> round.samples().stream()).toList());
    }
  }

  /**
   * @param quiet the quiet user's latency while the burst drained
   * @param quietWhilePublished of that, the deliveries dispatched while the burst's requests were
   *     still being sent: the load generator's clients and the service's dispatches then share the
   *     cores with the quiet user's path
   * @param quietAfterPublished the rest: dispatched while the backlog drained, its requests done
   * @param quietLag of that, the part from its dispatch to its first attempt
   * @param drainRate the burst's deliveries per second, first request to last recorded success
   * @param publishSeconds how long the burst's requests took
   * @param lag the burst's lag from dispatch (its delivery's creation) to its first attempt
   * @param impliedLag the same lag had the burst been taken in order at the drain rate
   * @param failedTasks workflow tasks failed or timed out in the histories of the round's runs
   * @param loggedFailures workflow task failures in the app's log during the round
   */
  record Burst(
      Percentiles quiet,
      Percentiles quietWhilePublished,
      Percentiles quietAfterPublished,
      Percentiles quietLag,
      double drainRate,
      double publishSeconds,
      Percentiles lag,
      Percentiles impliedLag,
      long failedTasks,
      long loggedFailures) {}

  private final BenchmarkStack stack;
  private final String publisher;
  private int rounds;

  Fairness(BenchmarkStack stack) {
    this.stack = stack;
    this.publisher = stack.tokens.publisher();
    stack.api.createEndpoint(stack.tokens.user(QUIET), stack.receiver.url("/ok/" + QUIET));
  }

  /** The quiet user alone for {@code duration}. */
  Percentiles idle(Duration duration) throws InterruptedException {
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    AtomicBoolean done = new AtomicBoolean();
    Thread quiet = Thread.ofVirtual().start(() -> publishQuietly(sentAt, done));
    Bench.pause(duration);
    done.set(true);
    quiet.join();
    return latencies(sentAt);
  }

  /** The quiet user while another user's burst of {@code events} events drains. */
  Burst burst(int events) throws InterruptedException {
    String busy = BUSY + ++rounds;
    stack.api.createEndpoint(stack.tokens.user(busy), stack.receiver.url("/ok/" + busy));
    long logBefore = logSize();
    Map<String, Long> quietSentAt = new ConcurrentHashMap<>();
    Set<String> busyIds = ConcurrentHashMap.newKeySet();
    AtomicBoolean drained = new AtomicBoolean();
    Thread quiet = Thread.ofVirtual().start(() -> publishQuietly(quietSentAt, drained));
    long started = System.nanoTime();
    Publishers.closedLoop(
        BURST_CLIENTS,
        events,
        i -> {
          for (JsonNode delivery : stack.api.publish(publisher, busy, i).values()) {
            busyIds.add(delivery.get("id").asString());
          }
        });
    long published = System.nanoTime();
    double publishSeconds = Bench.seconds(published - started);
    Bench.await(
        "the burst's deliveries",
        Duration.ofMinutes(10),
        // The receiver first: counting rows twenty times a second would load PostgreSQL.
        () ->
            busyIds.stream().allMatch(id -> stack.receiver.firstReceiptNanos(id) != null)
                && succeeded(busy) >= events);
    double drainRate = events / Bench.seconds(System.nanoTime() - started);
    drained.set(true);
    quiet.join();
    Percentiles quietLatency = latencies(quietSentAt);
    Map<String, Long> sentWhilePublished = new ConcurrentHashMap<>();
    Map<String, Long> sentAfterPublished = new ConcurrentHashMap<>();
    quietSentAt.forEach(
        (id, sent) -> (sent < published ? sentWhilePublished : sentAfterPublished).put(id, sent));
    List<Double> quietLag =
        stack
            .database
            .rows(
                "select extract(epoch from a.started_at - d.created_at) * 1000"
                    + " from webhook_deliveries d join webhook_delivery_attempts a"
                    + " on a.delivery_id = d.id and a.attempt = 1"
                    + " where d.user_id = ? and d.created_at >= (select min(created_at)"
                    + " from webhook_deliveries where user_id = ?)",
                QUIET,
                busy)
            .stream()
            .map(Double::parseDouble)
            .toList();
    List<String> lags =
        stack.database.rows(
            "select extract(epoch from a.started_at - d.created_at) * 1000,"
                + " extract(epoch from d.created_at - min(d.created_at) over ()) * 1000"
                + " from webhook_deliveries d join webhook_delivery_attempts a"
                + " on a.delivery_id = d.id and a.attempt = 1"
                + " where d.user_id = ? order by d.created_at, d.id",
            busy);
    List<Double> lag = new ArrayList<>();
    List<Double> implied = new ArrayList<>();
    for (int k = 0; k < lags.size(); k++) {
      String[] columns = lags.get(k).split(" ");
      lag.add(Double.parseDouble(columns[0]));
      // Taken in order at the drain rate, the k-th starts k / rate after the first was created.
      implied.add(Math.max(0, 1000 * (k + 1) / drainRate - Double.parseDouble(columns[1])));
    }
    List<String> runs = new ArrayList<>(busyIds);
    runs.addAll(quietSentAt.keySet());
    return new Burst(
        quietLatency,
        latencies(sentWhilePublished),
        latencies(sentAfterPublished),
        Percentiles.of(quietLag),
        drainRate,
        publishSeconds,
        Percentiles.of(lag),
        Percentiles.of(implied),
        failedTasks(runs),
        loggedFailuresSince(logBefore));
  }

  /** One event of the quiet user every half second until {@code stop}; notes when each was sent. */
  private void publishQuietly(Map<String, Long> sentAt, AtomicBoolean stop) {
    List<Thread> requests = new ArrayList<>();
    long interval = QUIET_EVERY.toNanos();
    int n = 0;
    for (long due = System.nanoTime(); !stop.get(); due += interval, n++) {
      LockSupport.parkNanos(due - System.nanoTime());
      int event = n;
      requests.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    long sent = System.nanoTime();
                    for (JsonNode delivery : stack.api.publish(publisher, QUIET, event).values()) {
                      sentAt.put(delivery.get("id").asString(), sent);
                    }
                  }));
    }
    for (Thread request : requests) {
      try {
        request.join();
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(interrupted);
      }
    }
  }

  private Percentiles latencies(Map<String, Long> sentAt) {
    Bench.await(
        "every quiet delivery at the receiver",
        Duration.ofMinutes(2),
        () ->
            sentAt.keySet().stream().allMatch(id -> stack.receiver.firstReceiptNanos(id) != null));
    List<Double> millis = new ArrayList<>();
    sentAt.forEach((id, sent) -> millis.add((stack.receiver.firstReceiptNanos(id) - sent) / 1e6));
    return Percentiles.of(millis);
  }

  private long succeeded(String user) {
    return stack.database.count(
        "select count(*) from webhook_deliveries where user_id = ? and status = 'success'", user);
  }

  /**
   * Workflow tasks that failed or timed out, as the server recorded them in the runs' histories:
   * the SDK's deadlock detector, or any other failure of workflow code, ends in one of these.
   */
  private long failedTasks(List<String> deliveryIds) {
    long failed = 0;
    for (String deliveryId : deliveryIds) {
      GetWorkflowExecutionHistoryRequest.Builder request =
          GetWorkflowExecutionHistoryRequest.newBuilder()
              .setNamespace("default")
              .setExecution(
                  WorkflowExecution.newBuilder()
                      .setWorkflowId(TaskQueues.deliveryWorkflowId(deliveryId)));
      while (true) {
        GetWorkflowExecutionHistoryResponse page =
            stack.stubs.blockingStub().getWorkflowExecutionHistory(request.build());
        for (HistoryEvent event : page.getHistory().getEventsList()) {
          if (TASK_FAILURES.contains(event.getEventType())) {
            failed++;
          }
        }
        if (page.getNextPageToken().isEmpty()) {
          break;
        }
        request.setNextPageToken(page.getNextPageToken());
      }
    }
    return failed;
  }

  private Path log() {
    return stack.workDirectory.resolve("app.log");
  }

  private long logSize() {
    try {
      return Files.size(log());
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    }
  }

  /** Workflow task failures the app logged after {@code offset} bytes of its log. */
  private long loggedFailuresSince(long offset) {
    try {
      byte[] log = Files.readAllBytes(log());
      int from = (int) Math.min(offset, log.length);
      String since = new String(log, from, log.length - from);
      return since.lines().filter(line -> line.contains(LOGGED_TASK_FAILURE)).count();
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    }
  }
}
