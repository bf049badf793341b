package com.devcard.webhooks.api.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.api.sweep.TestSweeps;
import com.devcard.webhooks.store.retention.RetentionRepository;
import com.devcard.webhooks.store.testing.EmbeddedDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * A large backlog of expired deliveries on a real PostgreSQL: each run stops after its batches, the
 * next one carries on, then deletes the old events no delivery was made for; the counters and the
 * log line of each run tell what was deleted.
 */
@ExtendWith(OutputCaptureExtension.class)
class RetentionSweeperTest {

  private static final int EXPIRED = 25_000;
  private static final int EVENTS_WITHOUT_DELIVERIES = 1_500;

  @Test
  void aBacklogIsDeletedInBoundedRunsThenTheOldEventsWithoutDeliveries(CapturedOutput output) {
    DataSource database = EmbeddedDatabase.freshDataSource();
    JdbcClient jdbc = JdbcClient.create(database);
    load(jdbc);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    RetentionSweeper sweeper =
        new RetentionSweeper(
            new RetentionRepository(jdbc, new DataSourceTransactionManager(database)),
            TestSweeps.on(database),
            new RetentionProperties(Duration.ofDays(30), Duration.ofMinutes(1)),
            new StaticListableBeanFactory(Map.of("meters", meters))
                .getBeanProvider(MeterRegistry.class));

    RetentionSweeper.Run first = sweeper.deleteExpired();

    assertThat(first.batches()).isEqualTo(RetentionSweeper.MAX_BATCHES);
    assertThat(first.deliveries()).isEqualTo(RetentionSweeper.MAX_BATCHES * RetentionSweeper.BATCH);
    assertThat(first.attempts()).isEqualTo(first.deliveries());
    assertThat(first.events()).isEqualTo(first.deliveries());
    assertThat(first.caughtUp()).isFalse();
    assertThat(output).contains("retention sweep: 20000 deliveries").contains("more left");

    RetentionSweeper.Run second = sweeper.deleteExpired();

    assertThat(second.deliveries()).isEqualTo(EXPIRED - first.deliveries());
    assertThat(second.events()).isEqualTo(second.deliveries() + EVENTS_WITHOUT_DELIVERIES);
    assertThat(second.caughtUp()).isTrue();
    assertThat(second.batches()).isLessThanOrEqualTo(RetentionSweeper.MAX_BATCHES);

    assertThat(count(jdbc, "webhook_deliveries")).isEqualTo(2);
    assertThat(count(jdbc, "webhook_delivery_attempts")).isOne();
    assertThat(count(jdbc, "webhook_events")).isEqualTo(3);
    assertThat(meters.get("webhooks.deliveries.deleted").counter().count()).isEqualTo(EXPIRED);
    assertThat(meters.get("webhooks.events.deleted").counter().count())
        .isEqualTo(EXPIRED + EVENTS_WITHOUT_DELIVERIES);

    RetentionSweeper.Run idle = sweeper.deleteExpired();
    assertThat(idle.deliveries() + idle.events()).isZero();
    assertThat(idle.caughtUp()).isTrue();
  }

  /**
   * Expired deliveries with an attempt and an event each, old events without deliveries, and what
   * stays: a delivery finished a day ago with its event, and an old pending one with its event, and
   * a young event without deliveries.
   */
  private static void load(JdbcClient jdbc) {
    jdbc.sql(
            "insert into webhook_endpoints (id, user_id, url, events, secret_ciphertext,"
                + " created_at, updated_at) values ('ep_retention', 'retention-user',"
                + " 'https://hooks.example.com/in', '{card.viewed}', '\\x00'::bytea, now(), now())")
        .update();
    jdbc.sql(
            "insert into webhook_events (id, user_id, event_type, payload, created_at)"
                + " select 'evt_' || g, 'retention-user', 'card.viewed', '{}',"
                + " now() - interval '40 days' - g * interval '1 second'"
                + " from generate_series(1, :n) g")
        .param("n", EXPIRED)
        .update();
    jdbc.sql(
            "insert into webhook_deliveries (id, endpoint_id, user_id, event_id, event_type,"
                + " status, attempts, retry_delays_ms, workflow_started, created_at, updated_at)"
                + " select 'dlv_' || g, 'ep_retention', 'retention-user', 'evt_' || g,"
                + " 'card.viewed', 'success', 1, '{}', true,"
                + " now() - interval '40 days' - g * interval '1 second',"
                + " now() - interval '40 days' - g * interval '1 second'"
                + " from generate_series(1, :n) g")
        .param("n", EXPIRED)
        .update();
    jdbc.sql(
            "insert into webhook_delivery_attempts (delivery_id, attempt, attempt_key, trigger,"
                + " started_at, duration_ms, response_code, success, delivery_status)"
                + " select id, 1, id || '/1', 'scheduled', updated_at, 5, 204, true, 'success'"
                + " from webhook_deliveries")
        .update();
    jdbc.sql(
            "insert into webhook_events (id, user_id, event_type, payload, created_at)"
                + " select 'evt_none_' || g, 'retention-user', 'card.viewed', '{}',"
                + " now() - interval '31 days' from generate_series(1, :n) g")
        .param("n", EVENTS_WITHOUT_DELIVERIES)
        .update();
    jdbc.sql(
            "insert into webhook_events (id, user_id, event_type, payload, created_at) values"
                + " ('evt_recent', 'retention-user', 'card.viewed', '{}', now() - interval '40 days'),"
                + " ('evt_pending', 'retention-user', 'card.viewed', '{}', now() - interval '40 days'),"
                + " ('evt_young', 'retention-user', 'card.viewed', '{}', now())")
        .update();
    jdbc.sql(
            "insert into webhook_deliveries (id, endpoint_id, user_id, event_id, event_type,"
                + " status, attempts, retry_delays_ms, workflow_started, created_at, updated_at)"
                + " values ('dlv_recent', 'ep_retention', 'retention-user', 'evt_recent',"
                + " 'card.viewed', 'failed', 1, '{}', true, now() - interval '40 days',"
                + " now() - interval '1 day'),"
                + " ('dlv_pending', 'ep_retention', 'retention-user', 'evt_pending',"
                + " 'card.viewed', 'pending', 0, '{}', true, now() - interval '40 days',"
                + " now() - interval '40 days')")
        .update();
    jdbc.sql(
            "insert into webhook_delivery_attempts (delivery_id, attempt, attempt_key, trigger,"
                + " started_at, duration_ms, response_code, success, delivery_status)"
                + " values ('dlv_recent', 1, 'dlv_recent/1', 'scheduled', now() - interval '1 day',"
                + " 5, 500, false, 'failed')")
        .update();
  }

  private static long count(JdbcClient jdbc, String table) {
    return jdbc.sql("select count(*) from " + table).query(Long.class).single();
  }
}
