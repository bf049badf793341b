package com.devcard.webhooks.workflows;

import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.delivery.RecoveryItemOutcome;
import com.devcard.webhooks.delivery.RecoveryState;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * An in-memory {@link RecoveryActivities} for workflow tests: answers each item from a script
 * (succeeded unless told otherwise), records when each call started on the test server's clock and
 * how many calls were running at once. Each call holds its worker thread until every item its
 * workflow is waiting for is in a call, so the calls of one batch overlap as real attempts would.
 */
final class ScriptedRecoveryActivities implements RecoveryActivities {

  /** One call as the fake saw it; the time is test-server milliseconds. */
  record Call(int position, long startedAtMillis) {}

  private final LongSupplier clock;
  private final WorkflowServiceStubs service;
  private final Map<Integer, RecoveryItemOutcome> answers = new ConcurrentHashMap<>();
  private final Map<Integer, CountDownLatch> gates = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<RecoveryFinish> finishes = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Map<String, AtomicInteger> inFlightByRun = new ConcurrentHashMap<>();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  ScriptedRecoveryActivities(LongSupplier clock, WorkflowServiceStubs service) {
    this.clock = clock;
    this.service = service;
  }

  /** Item {@code position} answers {@code outcome} instead of succeeding. */
  ScriptedRecoveryActivities answer(int position, RecoveryItemOutcome outcome) {
    answers.put(position, outcome);
    return this;
  }

  /** Item {@code position} waits (in real time) until the returned latch is counted down. */
  CountDownLatch hold(int position) {
    CountDownLatch gate = new CountDownLatch(1);
    gates.put(position, gate);
    return gate;
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  List<Integer> positions() {
    return calls.stream().map(Call::position).toList();
  }

  List<RecoveryFinish> finishes() {
    return List.copyOf(finishes);
  }

  int maxInFlight() {
    return maxInFlight.get();
  }

  @Override
  public RecoveryItemOutcome recoverItem(RecoveryItemRequest request) {
    calls.add(new Call(request.position(), clock.getAsLong()));
    ActivityInfo call = Activity.getExecutionContext().getInfo();
    AtomicInteger ofItsRun =
        inFlightByRun.computeIfAbsent(call.getWorkflowRunId(), run -> new AtomicInteger());
    ofItsRun.incrementAndGet();
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      CountDownLatch gate = gates.get(request.position());
      if (gate != null && !gate.await(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException("item " + request.position() + " was never released");
      }
      awaitTheRestOfItsBatch(call, ofItsRun);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      ofItsRun.decrementAndGet();
      inFlight.decrementAndGet();
    }
    return answers.getOrDefault(request.position(), RecoveryItemOutcome.SUCCEEDED);
  }

  /**
   * Until every item the call's workflow run is waiting for is in a call of this fake: the run's
   * pending item activities, as the test server describes them, are no more than its calls in
   * flight here.
   */
  private void awaitTheRestOfItsBatch(ActivityInfo call, AtomicInteger ofItsRun) {
    DescribeWorkflowExecutionRequest describe =
        DescribeWorkflowExecutionRequest.newBuilder()
            .setNamespace(call.getNamespace())
            .setExecution(
                WorkflowExecution.newBuilder()
                    .setWorkflowId(call.getWorkflowId())
                    .setRunId(call.getWorkflowRunId()))
            .build();
    await()
        .atMost(Duration.ofSeconds(20))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(5))
        .until(
            () ->
                service
                        .blockingStub()
                        .describeWorkflowExecution(describe)
                        .getPendingActivitiesList()
                        .stream()
                        .filter(
                            activity ->
                                activity.getActivityType().getName().equals(call.getActivityType()))
                        .count()
                    <= ofItsRun.get());
  }

  @Override
  public RecoveryState finish(RecoveryFinish finish) {
    finishes.add(finish);
    return finish.state();
  }
}
