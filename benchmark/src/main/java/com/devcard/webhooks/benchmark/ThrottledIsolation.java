package com.devcard.webhooks.benchmark;

import java.time.Duration;

/**
 * Figure 9: one user's endpoint is limited to {@value #LIMIT} attempts a second and has a backlog
 * of events queued, each delivery waiting on a durable timer for its slot. Meanwhile another user's
 * endpoint, without a limit, takes a burst of events: its deliveries per second beside the backlog,
 * against the same burst without one. Each backlog goes to an endpoint of its own.
 */
final class ThrottledIsolation {

  static final int LIMIT = 5;

  private static final String STEADY = "steady-0";
  private static final String THROTTLED = "throttled-";

  private final BenchmarkStack stack;
  private final String publisher;
  private final String steadyPath = "/ok/" + STEADY;
  private int backlogs;
  private String throttledPath;

  ThrottledIsolation(BenchmarkStack stack) {
    this.stack = stack;
    this.publisher = stack.tokens.publisher();
    stack.receiver.watch(steadyPath);
    stack.api.createEndpoint(stack.tokens.user(STEADY), stack.receiver.url(steadyPath));
  }

  /** The other user's deliveries per second with no backlog anywhere. */
  double steadyAlone(int events) throws InterruptedException {
    return steadyRate(events);
  }

  /**
   * The other user's deliveries per second while a new throttled endpoint has {@code backlog}
   * events queued.
   */
  double steadyBesideBacklog(int events, int backlog) throws InterruptedException {
    queueBacklog(backlog);
    int sentBefore = stack.receiver.arrivals(throttledPath).size();
    long started = System.nanoTime();
    double rate = steadyRate(events);
    int sentMeanwhile = stack.receiver.arrivals(throttledPath).size() - sentBefore;
    Bench.log(
        "9. meanwhile the throttled endpoint got %d requests in %.1f s (limit %d/s)",
        sentMeanwhile, Bench.seconds(System.nanoTime() - started), LIMIT);
    return rate;
  }

  /**
   * Reports the backlog for a new throttled endpoint and waits until each of its deliveries has
   * either been sent or been told to wait for its slot.
   */
  private void queueBacklog(int backlog) throws InterruptedException {
    String user = THROTTLED + backlogs++;
    throttledPath = "/ok/" + user;
    stack.receiver.watch(throttledPath);
    stack.api.createEndpoint(stack.tokens.user(user), stack.receiver.url(throttledPath), LIMIT);
    double throttledBefore = throttled();
    long started = System.nanoTime();
    Publishers.closedLoop(backlog, i -> stack.api.publish(publisher, user, i));
    Bench.await(
        "the backlog to be queued",
        Duration.ofMinutes(10),
        () ->
            throttled() - throttledBefore + stack.receiver.arrivals(throttledPath).size()
                >= backlog);
    Bench.log(
        "9. %d events queued for an endpoint limited to %d/s in %.0f s; load %s",
        backlog, LIMIT, Bench.seconds(System.nanoTime() - started), Machine.load());
  }

  /** Deliveries per second from the first request to the last recorded success. */
  private double steadyRate(int events) throws InterruptedException {
    int receivedBefore = stack.receiver.arrivals(steadyPath).size();
    long succeededBefore = succeeded();
    long started = System.nanoTime();
    Publishers.closedLoop(events, i -> stack.api.publish(publisher, STEADY, i));
    Bench.await(
        "the other user's deliveries",
        Duration.ofMinutes(10),
        // The receiver's count first: counting rows twenty times a second would load PostgreSQL.
        () ->
            stack.receiver.arrivals(steadyPath).size() >= receivedBefore + events
                && succeeded() >= succeededBefore + events);
    return events / Bench.seconds(System.nanoTime() - started);
  }

  /** Attempts the app has told to wait for a slot so far. */
  private double throttled() {
    return stack.app.metric("webhooks_delivery_attempts_throttled_total", "");
  }

  private long succeeded() {
    return stack.database.count(
        "select count(*) from webhook_deliveries where user_id = ? and status = 'success'", STEADY);
  }
}
