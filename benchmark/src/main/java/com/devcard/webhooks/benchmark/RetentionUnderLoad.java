package com.devcard.webhooks.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.function.BooleanSupplier;

/**
 * Figure 11: the retention sweep under load. Expired deliveries (finished 40 to 50 days ago, each
 * with one attempt and an event of its own) are bulk-loaded by SQL in one transaction; the app's
 * sweep (run every second here, {@code WEBHOOKS_RETENTION_SWEEP_EVERY=1s}) then deletes them while
 * events are dispatched at half the end-to-end rate. The latency from dispatch request to receipt
 * is compared with a round at the same rate before the load, in the same run, each on a fresh
 * Temporal server; the sweep's rate is read from the app's {@code webhooks.deliveries.deleted}
 * counter.
 */
final class RetentionUnderLoad {

  private static final String USERS = "retention-";
  private static final int USER_COUNT = 10;
  private static final String DELETED = "webhooks_deliveries_deleted_total";

  /**
   * @param deliveriesPerSecond the sweep's rate during the loaded round
   * @param sweepSeconds from the start of the loaded round to the last expired delivery deleted
   * @param sweptThroughout whether the sweep was still deleting when the loaded round ended
   */
  record Result(
      EndToEnd.Latency without,
      EndToEnd.Latency with,
      double deliveriesPerSecond,
      double deletedDuringRound,
      double sweepSeconds,
      boolean sweptThroughout) {}

  private final BenchmarkStack stack;

  RetentionUnderLoad(BenchmarkStack stack) {
    this.stack = stack;
    for (int u = 0; u < USER_COUNT; u++) {
      stack.api.createEndpoint(
          stack.tokens.user(USERS + u), stack.receiver.url("/ok/" + USERS + u));
    }
  }

  /** The round without the sweep; call it on a fresh, warmed-up Temporal server. */
  EndToEnd.Latency baseline(EndToEnd endToEnd, double perSecond, Duration duration)
      throws InterruptedException {
    return endToEnd.latency(perSecond, duration, new ArrayList<>());
  }

  /**
   * Loads {@code deliveries} expired deliveries; the sweep starts on them within a second of the
   * commit.
   *
   * @return the deleted counter before the load
   */
  double load(int deliveries) {
    double before = stack.app.metric(DELETED, "");
    long started = System.nanoTime();
    stack.database.executeInTransaction(
        "create temporary table retention_endpoints on commit drop as select id, user_id,"
            + " (row_number() over (order by id) - 1)::int as n"
            + " from webhook_endpoints where user_id like '"
            + USERS
            + "%'",
        "insert into webhook_events (id, user_id, event_type, payload, created_at)"
            + " select 'evt_ret_' || g, e.user_id, 'card.viewed',"
            + " '{\"id\":\"evt_ret_' || g || '\",\"type\":\"card.viewed\",\"data\":{}}',"
            + " now() - interval '50 days' + g * interval '4 milliseconds'"
            + " from generate_series(1, "
            + deliveries
            + ") g join retention_endpoints e on e.n = g % "
            + USER_COUNT,
        "insert into webhook_deliveries (id, endpoint_id, user_id, event_id, event_type, status,"
            + " attempts, response_code, retry_delays_ms, workflow_started, created_at,"
            + " updated_at)"
            + " select 'dlv_ret_' || g, e.id, e.user_id, 'evt_ret_' || g, 'card.viewed',"
            + " case when g % 20 = 7 then 'failed' else 'success' end, 1,"
            + " case when g % 20 = 7 then 500 else 204 end, '{}', true,"
            + " now() - interval '50 days' + g * interval '4 milliseconds',"
            + " now() - interval '50 days' + g * interval '4 milliseconds' + interval '1 second'"
            + " from generate_series(1, "
            + deliveries
            + ") g join retention_endpoints e on e.n = g % "
            + USER_COUNT,
        "insert into webhook_delivery_attempts (delivery_id, attempt, attempt_key, trigger,"
            + " started_at, duration_ms, response_code, response_body, success, delivery_status)"
            + " select 'dlv_ret_' || g, 1, 'dlv_ret_' || g || '/1', 'scheduled',"
            + " now() - interval '50 days' + g * interval '4 milliseconds', 12,"
            + " case when g % 20 = 7 then 500 else 204 end, '', g % 20 <> 7,"
            + " case when g % 20 = 7 then 'failed' else 'success' end"
            + " from generate_series(1, "
            + deliveries
            + ") g");
    Bench.log(
        "11. %,d expired deliveries (with attempts and events) loaded in %.0f s",
        deliveries, Bench.seconds(System.nanoTime() - started));
    return before;
  }

  /**
   * The round while the sweep deletes what {@link #load} loaded; call it on a fresh, warmed-up
   * Temporal server. Then waits for the sweep to finish.
   */
  Result withSweep(
      EndToEnd endToEnd,
      EndToEnd.Latency without,
      double perSecond,
      Duration duration,
      double deletedBeforeLoad,
      int deliveries)
      throws InterruptedException {
    double target = deletedBeforeLoad + deliveries;
    waitFor(() -> deleted() > deletedBeforeLoad, Duration.ofMinutes(2), "the sweep to start");
    long roundStarted = System.nanoTime();
    double atStart = deleted();
    EndToEnd.Latency with = endToEnd.latency(perSecond, duration, new ArrayList<>());
    double atEnd = deleted();
    double roundSeconds = Bench.seconds(System.nanoTime() - roundStarted);
    Bench.log(
        "11. during the round (%.0f s) the sweep deleted %,.0f deliveries; %,.0f left",
        roundSeconds, atEnd - atStart, target - atEnd);
    waitFor(() -> deleted() >= target, Duration.ofMinutes(30), "the sweep to finish");
    double sweepSeconds = Bench.seconds(System.nanoTime() - roundStarted);
    Bench.log(
        "11. the sweep deleted the last of them %.0f s after the round started", sweepSeconds);
    return new Result(
        without,
        with,
        (atEnd - atStart) / roundSeconds,
        atEnd - atStart,
        sweepSeconds,
        atEnd < target);
  }

  private double deleted() {
    return stack.app.metric(DELETED, "");
  }

  /** Polls twice a second: scraping the app's metrics costs it CPU. */
  private static void waitFor(BooleanSupplier condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
      }
      Bench.pause(Duration.ofMillis(500));
    }
  }
}
