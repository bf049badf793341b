package com.devcard.webhooks.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.WebhooksApplication;
import com.devcard.webhooks.testkit.WebhooksStack;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two api replicas on one PostgreSQL and one Temporal, each running every sweep as often as it can
 * (every 100 ms) over 300 pending deliveries, so that a sweep takes a good while. Each sweep
 * records when it ran, from inside whatever guards it: no two runs of one sweep ever overlap, in
 * one replica or across both, and both replicas take their turns.
 */
class ReplicaSweepsIT {

  private static final int PENDING_DELIVERIES = 300;
  private static final String SWEEP_EVERY = "100ms";

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void eachSweepRunsInOneReplicaAtATime() throws Exception {
    SweepRecorder recorder = new SweepRecorder();
    try (WebhooksStack stack = WebhooksStack.start()) {
      Map<String, String> settings = settings(stack);
      ConfigurableApplicationContext first = replica("first", settings, recorder);
      ConfigurableApplicationContext second = null;
      try {
        insertPendingDeliveries(stack.jdbc());
        second = replica("second", settings, recorder);
        await()
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(200))
            .until(
                () ->
                    recorder.runs("pending-deliveries", "first") >= 2
                        && recorder.runs("pending-deliveries", "second") >= 2);
        // What operators see of it: the rounds that ran in this process, and how long they took.
        Timer sweeps =
            first
                .getBean(MeterRegistry.class)
                .get("webhooks.sweep")
                .tag("sweep", "pending-deliveries")
                .timer();
        assertThat(sweeps.count()).isGreaterThanOrEqualTo(2);
      } finally {
        if (second != null) {
          second.close();
        }
        first.close();
      }
    }

    assertThat(recorder.all().stream().map(SweepRuns.Run::sweep))
        .contains(
            "pending-deliveries",
            "unstarted-deliveries",
            "running-recoveries",
            "expired-secrets",
            "expired-deliveries",
            "expired-portal-sessions");
    SweepRuns.assertOneAtATime(recorder.all());
  }

  /** Two api processes on one database and one Temporal: the stack's settings, for both. */
  private static Map<String, String> settings(WebhooksStack stack) {
    Map<String, String> settings = new HashMap<>();
    stack.settings().forEach((name, value) -> settings.put(name, String.valueOf(value)));
    settings.put("webhooks.roles", "api");
    settings.put("server.port", "0");
    settings.put("webhooks.reconciler.unstarted-every", SWEEP_EVERY);
    settings.put("webhooks.reconciler.full-sweep-every", SWEEP_EVERY);
    settings.put("webhooks.reconciler.recoveries-every", SWEEP_EVERY);
    settings.put("webhooks.secrets.erase-expired-every", SWEEP_EVERY);
    settings.put("webhooks.retention-sweep-every", SWEEP_EVERY);
    settings.put("webhooks.portal-purge-every", SWEEP_EVERY);
    return settings;
  }

  private static ConfigurableApplicationContext replica(
      String name, Map<String, String> settings, SweepRecorder recorder) {
    return new SpringApplicationBuilder(WebhooksApplication.class)
        .initializers(
            context ->
                context.getBeanFactory().registerSingleton("sweepRecorder", recorder.in(name)))
        .run(
            settings.entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new));
  }

  /**
   * Pending deliveries whose workflows count as started: the full sweep checks each against
   * Temporal (starting it there the first time, as Temporal has never seen it).
   */
  private static void insertPendingDeliveries(JdbcClient jdbc) {
    jdbc.sql(
            "insert into webhook_endpoints (id, user_id, url, events, secret_ciphertext,"
                + " created_at, updated_at) values ('ep_sweeps', 'sweeps-user',"
                + " 'https://93.184.216.34/hook', '{card.viewed}', '\\x00'::bytea, now(), now())")
        .update();
    jdbc.sql(
            "insert into webhook_events (id, user_id, event_type, payload, created_at)"
                + " values ('evt_sweeps', 'sweeps-user', 'card.viewed', '{}', now())")
        .update();
    jdbc.sql(
            "insert into webhook_deliveries (id, endpoint_id, user_id, event_id, event_type,"
                + " status, attempts, retry_delays_ms, workflow_started, next_retry_at,"
                + " created_at, updated_at)"
                + " select 'dlv_sweeps_' || n, 'ep_sweeps', 'sweeps-user', 'evt_sweeps',"
                + " 'card.viewed', 'pending', 1, '{3600000}', true, now() + interval '1 hour',"
                + " now(), now() from generate_series(1, :count) n")
        .param("count", PENDING_DELIVERIES)
        .update();
  }

  /** When each sweep ran, and in which replica, as its observation saw it. */
  static final class SweepRecorder {

    private static final String STARTED = "sweepRecorder.start";

    private final List<SweepRuns.Run> runs = new CopyOnWriteArrayList<>();

    ObservationHandler<Observation.Context> in(String replica) {
      return new ObservationHandler<>() {
        @Override
        public boolean supportsContext(Observation.Context context) {
          return "webhooks.sweep".equals(context.getName());
        }

        @Override
        public void onStart(Observation.Context context) {
          context.put(STARTED, Instant.now());
        }

        @Override
        public void onStop(Observation.Context context) {
          Instant started = context.getRequired(STARTED);
          runs.add(
              new SweepRuns.Run(
                  replica,
                  context.getLowCardinalityKeyValue("sweep").getValue(),
                  started,
                  Instant.now()));
        }
      };
    }

    long runs(String sweep, String replica) {
      return runs.stream()
          .filter(run -> run.sweep().equals(sweep) && run.process().equals(replica))
          .count();
    }

    List<SweepRuns.Run> all() {
      return List.copyOf(runs);
    }
  }
}
