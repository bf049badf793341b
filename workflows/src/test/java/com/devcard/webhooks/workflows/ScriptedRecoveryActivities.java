package com.devcard.webhooks.workflows;

import com.devcard.webhooks.delivery.RecoveryState;
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
 * how many calls were running at once. Each call holds its worker thread for a few real
 * milliseconds, so calls of one batch overlap as real attempts would.
 */
final class ScriptedRecoveryActivities implements RecoveryActivities {

  /** One call as the fake saw it; the time is test-server milliseconds. */
  record Call(int position, long startedAtMillis) {}

  private static final Duration HOLD = Duration.ofMillis(30);

  private final LongSupplier clock;
  private final Map<Integer, RecoveryItemOutcome> answers = new ConcurrentHashMap<>();
  private final Map<Integer, CountDownLatch> gates = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<RecoveryFinish> finishes = new CopyOnWriteArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();

  ScriptedRecoveryActivities(LongSupplier clock) {
    this.clock = clock;
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
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      CountDownLatch gate = gates.get(request.position());
      if (gate != null && !gate.await(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException("item " + request.position() + " was never released");
      }
      Thread.sleep(HOLD);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      inFlight.decrementAndGet();
    }
    return answers.getOrDefault(request.position(), RecoveryItemOutcome.SUCCEEDED);
  }

  @Override
  public RecoveryState finish(RecoveryFinish finish) {
    finishes.add(finish);
    return finish.state();
  }
}
