package com.devcard.webhooks.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 8: a burst of events for one endpoint with a rate limit, as its receiver sees it: the most
 * requests in any one-second window, wherever it starts, and the pace from the first request to the
 * last. The same burst to an endpoint without a limit shows what the limit holds back. Each burst
 * goes to an endpoint of its own, whose limit starts with no slot taken.
 */
final class RateLimitAccuracy {

  private static final String USERS = "rate-";

  /**
   * @param received requests at the receiver, one per event
   * @param mostInOneSecond the most requests in any one-second window
   * @param perSecond requests per second from the first to the last
   * @param waits times an attempt was told to wait for a slot: once for each delivery that did not
   *     start at once, again each time it woke before the limit had room
   * @param longestGapMillis the longest time between two requests
   * @param mostStartedInOneSecond the most attempts in any one-second window by the start times the
   *     workers recorded, which tells the limit's admissions from the way to the receiver
   * @param wayP99Millis the 99th percentile of the time from a recorded start to the receiver
   * @param wayMaxMillis the longest of those times
   */
  record Pace(
      int received,
      int mostInOneSecond,
      double perSecond,
      double waits,
      double longestGapMillis,
      int mostStartedInOneSecond,
      double wayP99Millis,
      double wayMaxMillis) {}

  private final BenchmarkStack stack;
  private final String publisher;
  private int bursts;

  RateLimitAccuracy(BenchmarkStack stack) {
    this.stack = stack;
    this.publisher = stack.tokens.publisher();
  }

  /**
   * Reports {@code events} events for a new endpoint as fast as the app takes them and waits until
   * its receiver has had them all.
   *
   * @param perSecond the endpoint's rate limit; {@code null} for none
   * @param workers the app processes that run the worker role
   */
  Pace burst(int events, Integer perSecond, List<AppJvm> workers) throws InterruptedException {
    double waitsBefore = waits(workers);
    String user = USERS + bursts++;
    String path = "/ok/" + user;
    stack.receiver.watch(path);
    stack.api.createEndpoint(stack.tokens.user(user), stack.receiver.url(path), perSecond);
    Publishers.closedLoop(events, i -> stack.api.publish(publisher, user, i));
    Duration paced = Duration.ofSeconds(perSecond == null ? 0 : 2L * events / perSecond);
    Bench.await(
        "the burst at the receiver",
        Duration.ofMinutes(2).plus(paced),
        () -> stack.receiver.arrivals(path).size() >= events);
    Arrivals arrivals = new Arrivals(stack.receiver.arrivals(path));
    List<Double> way = wayToReceiver(user);
    return new Pace(
        arrivals.count(),
        arrivals.mostWithin(Duration.ofSeconds(1)),
        arrivals.perSecond(),
        waits(workers) - waitsBefore,
        arrivals.longestGapMillis(),
        recordedStarts(user).mostWithin(Duration.ofSeconds(1)),
        Stats.percentile(way, 99),
        Stats.percentile(way, 100));
  }

  /** Milliseconds from each attempt's start, as its worker recorded it, to the receiver. */
  private List<Double> wayToReceiver(String user) {
    Instant wall = Instant.now();
    long nanoToEpochNanos =
        wall.getEpochSecond() * 1_000_000_000L + wall.getNano() - System.nanoTime();
    List<Double> millis = new ArrayList<>();
    for (String row :
        stack.database.rows(
            "select d.id, (extract(epoch from a.started_at) * 1000000)::bigint"
                + " from webhook_delivery_attempts a join webhook_deliveries d"
                + " on d.id = a.delivery_id where d.user_id = ?",
            user)) {
      String[] columns = row.split(" ");
      Long arrived = stack.receiver.firstReceiptNanos(columns[0]);
      if (arrived != null) {
        long startedEpochNanos = Long.parseLong(columns[1]) * 1000;
        millis.add((arrived + nanoToEpochNanos - startedEpochNanos) / 1e6);
      }
    }
    return millis;
  }

  private Arrivals recordedStarts(String user) {
    return new Arrivals(
        stack
            .database
            .rows(
                "select (extract(epoch from a.started_at) * 1000000)::bigint"
                    + " from webhook_delivery_attempts a join webhook_deliveries d"
                    + " on d.id = a.delivery_id where d.user_id = ?",
                user)
            .stream()
            .map(micros -> Long.parseLong(micros) * 1000)
            .toList());
  }

  private static double waits(List<AppJvm> workers) {
    return workers.stream()
        .mapToDouble(jvm -> jvm.metric("webhooks_delivery_attempts_throttled_total", ""))
        .sum();
  }
}
