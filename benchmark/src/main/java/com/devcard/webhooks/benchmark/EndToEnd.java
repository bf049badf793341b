package com.devcard.webhooks.benchmark;

import com.devcard.webhooks.delivery.DeliveryStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;

/**
 * Figure 3: deliveries per second from {@code POST /api/events} to a recorded {@code success}, and
 * the latency from the dispatch request to the receiver's receipt at half that rate. Each event
 * goes to one endpoint of one of ten users, all answering 204 at once.
 */
final class EndToEnd {

  static final String USERS = "e2e-";
  private static final int USER_COUNT = 10;

  record Latency(double p50, double p95, double p99, int deliveries) {}

  private final BenchmarkStack stack;
  private final String publisher;

  EndToEnd(BenchmarkStack stack) {
    this.stack = stack;
    this.publisher = stack.tokens.publisher();
    for (int u = 0; u < USER_COUNT; u++) {
      stack.api.createEndpoint(
          stack.tokens.user(USERS + u), stack.receiver.url("/ok/" + USERS + u));
    }
  }

  /** Deliveries per second for {@code count} events, from the first request to the last success. */
  double throughput(int count) throws InterruptedException {
    long before = recorded(DeliveryStatus.SUCCESS);
    long attemptsBefore = attempts();
    long receivedBefore = stack.receiver.requests();
    long started = System.nanoTime();
    Publishers.closedLoop(count, i -> stack.api.publish(publisher, USERS + (i % USER_COUNT), i));
    Bench.await(
        "end-to-end deliveries",
        Duration.ofMinutes(10),
        // The receiver's count first: it costs nothing, where counting rows would load PostgreSQL
        // twenty times a second during the measurement.
        () ->
            stack.receiver.requests() >= receivedBefore + count
                && recorded(DeliveryStatus.SUCCESS) >= before + count);
    double rate = count / Bench.seconds(System.nanoTime() - started);
    long newAttempts = attempts() - attemptsBefore;
    if (newAttempts != count) {
      stack
          .database
          .rows(
              "select a.delivery_id, a.attempt, a.attempt_key, a.started_at, d.created_at"
                  + " from webhook_delivery_attempts a join webhook_deliveries d"
                  + " on d.id = a.delivery_id where d.user_id like ? and a.delivery_id in"
                  + " (select delivery_id from webhook_delivery_attempts where attempt > 1)"
                  + " order by a.delivery_id, a.attempt limit 20",
              USERS + "%")
          .forEach(row -> Bench.log("  repeated attempt: %s", row));
      throw new IllegalStateException(count + " deliveries but " + newAttempts + " attempt rows");
    }
    return rate;
  }

  /**
   * Reports events at a steady rate for the given time and measures, per delivery, the time from
   * sending the request to its arrival at the receiver.
   *
   * @return the percentiles in milliseconds, and the delivery ids measured
   */
  Latency latency(double perSecond, Duration duration, List<String> measuredIds)
      throws InterruptedException {
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    List<Thread> requests = new ArrayList<>();
    long interval = (long) (1e9 / perSecond);
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    int n = 0;
    for (long due = start; due < end; due += interval, n++) {
      LockSupport.parkNanos(due - System.nanoTime());
      int event = n;
      requests.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    long sent = System.nanoTime();
                    JsonNode deliveries =
                        stack.api.publish(publisher, USERS + (event % USER_COUNT), event);
                    for (JsonNode delivery : deliveries.values()) {
                      sentAt.put(delivery.get("id").asString(), sent);
                    }
                  }));
    }
    for (Thread request : requests) {
      request.join();
    }
    Bench.await(
        "every delivery at the receiver",
        Duration.ofMinutes(2),
        () ->
            sentAt.keySet().stream().allMatch(id -> stack.receiver.firstReceiptNanos(id) != null));
    List<Double> millis = new ArrayList<>();
    sentAt.forEach((id, sent) -> millis.add((stack.receiver.firstReceiptNanos(id) - sent) / 1e6));
    measuredIds.addAll(sentAt.keySet());
    return new Latency(
        Stats.percentile(millis, 50),
        Stats.percentile(millis, 95),
        Stats.percentile(millis, 99),
        millis.size());
  }

  private long recorded(DeliveryStatus status) {
    return stack.database.count(
        "select count(*) from webhook_deliveries where user_id like ? and status = ?",
        USERS + "%",
        status.wireValue());
  }

  private long attempts() {
    return stack.database.count(
        "select count(*) from webhook_delivery_attempts a join webhook_deliveries d"
            + " on d.id = a.delivery_id where d.user_id like ?",
        USERS + "%");
  }
}
