package com.devcard.webhooks.store.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.delivery.RecoveryState;
import com.devcard.webhooks.store.Ids;
import com.devcard.webhooks.store.delivery.AttemptResult;
import com.devcard.webhooks.store.delivery.NewEvent;
import com.devcard.webhooks.store.endpoint.NewEndpoint;
import com.devcard.webhooks.store.recovery.NewRecovery;
import com.devcard.webhooks.store.recovery.Recovery;
import com.devcard.webhooks.store.testing.TestStore;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The retention sweep's deletes on a real PostgreSQL, each test on a database of its own: which
 * rows go and which stay, batches that stay bounded, and dispatch, attempts and recoveries that
 * carry on while a batch is under way.
 */
class RetentionRepositoryTest {

  private static final List<Duration> ONE_RETRY = List.of(Duration.ofMinutes(5));
  private static final Duration RETENTION = Duration.ofDays(30);

  private TestStore store;
  private RetentionRepository retention;
  private final String user = "user-retention";
  private String endpointId;
  private String otherEndpointId;
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  private final Instant cutOff = now.minus(RETENTION);
  private final Instant expired = cutOff.minus(Duration.ofDays(1));
  private final Instant young = cutOff.plus(Duration.ofDays(1));

  @BeforeEach
  void database() {
    store = TestStore.fresh();
    retention =
        new RetentionRepository(
            store.jdbc(),
            new TransactionTemplate(new DataSourceTransactionManager(store.dataSource())));
    endpointId = endpoint("https://hooks.example.com/a");
    otherEndpointId = endpoint("https://hooks.example.com/b");
  }

  @Test
  void finishedDeliveriesLastChangedBeforeTheCutOffGoWithTheirAttemptsAndTheirEvents() {
    String succeeded = finished(DeliveryStatus.SUCCESS, expired);
    String failed = finished(DeliveryStatus.FAILED, expired);
    String cancelled = finished(DeliveryStatus.CANCELLED, expired);
    assertThat(attemptsOf(succeeded) + attemptsOf(failed)).isEqualTo(3);

    ExpiredDeliveries batch = retention.deleteFinishedBefore(cutOff, null, 100);

    assertThat(batch.deliveries()).isEqualTo(3);
    assertThat(batch.attempts()).isEqualTo(3);
    assertThat(batch.events()).isEqualTo(3);
    for (String id : List.of(succeeded, failed, cancelled)) {
      assertThat(exists("webhook_deliveries", "id", id)).as(id).isFalse();
      assertThat(attemptsOf(id)).isZero();
    }
    assertThat(count("webhook_events")).isZero();
    assertThat(retention.deleteFinishedBefore(cutOff, null, 100).deliveries()).isZero();
  }

  @Test
  void pendingAndHeldDeliveriesAndFinishedOnesChangedSinceTheCutOffStay() {
    String pending = deliver(endpointId, expired);
    age(pending, expired);
    String pendingAfterAFailure = deliver(endpointId, expired);
    attempt(pendingAfterAFailure, false, Optional.of(now.plusSeconds(300)));
    age(pendingAfterAFailure, expired);
    String held = deliver(endpointId, expired);
    store
        .jdbc()
        .sql("update webhook_deliveries set status = 'held', held_at = :at where id = :id")
        .param("at", expired.atOffset(ZoneOffset.UTC))
        .param("id", held)
        .update();
    age(held, expired);
    // Created long ago, but its last attempt ended after the cut-off.
    String youngSuccess = finished(DeliveryStatus.SUCCESS, young);

    ExpiredDeliveries batch = retention.deleteFinishedBefore(cutOff, null, 100);

    assertThat(batch.deliveries()).isZero();
    for (String id : List.of(pending, pendingAfterAFailure, held, youngSuccess)) {
      assertThat(exists("webhook_deliveries", "id", id)).as(id).isTrue();
    }
    assertThat(attemptsOf(pendingAfterAFailure)).isOne();
    assertThat(attemptsOf(youngSuccess)).isOne();
    assertThat(count("webhook_events")).isEqualTo(4);
    assertThat(retention.deleteUnreferencedEventsBefore(cutOff, null, 100).deleted()).isZero();
  }

  @Test
  void anEventStaysWhileAnyOfItsDeliveriesStaysAndGoesWithTheLast() {
    String eventId = Ids.newId("evt");
    List<String> both = dispatch(eventId, "fanned.out", expired, null);
    assertThat(both).hasSize(2);
    finish(both.get(0), DeliveryStatus.SUCCESS, expired);
    finish(both.get(1), DeliveryStatus.SUCCESS, young);

    ExpiredDeliveries first = retention.deleteFinishedBefore(cutOff, null, 100);

    assertThat(first.deliveries()).isOne();
    assertThat(first.events()).isZero();
    assertThat(exists("webhook_events", "id", eventId)).isTrue();
    assertThat(retention.deleteUnreferencedEventsBefore(cutOff, null, 100).deleted()).isZero();
    assertThat(exists("webhook_events", "id", eventId)).isTrue();

    // A month later the other delivery has expired too.
    ExpiredDeliveries later =
        retention.deleteFinishedBefore(young.plus(Duration.ofDays(1)), null, 100);

    assertThat(later.deliveries()).isOne();
    assertThat(later.events()).isOne();
    assertThat(exists("webhook_events", "id", eventId)).isFalse();
  }

  @Test
  void eventsNoDeliveryWasEverMadeForGoOnceOlderThanTheCutOff() {
    String oldEvent = Ids.newId("evt");
    String youngEvent = Ids.newId("evt");
    assertThat(dispatch(oldEvent, "nobody.subscribes", expired, null)).isEmpty();
    assertThat(dispatch(youngEvent, "nobody.subscribes", young, null)).isEmpty();
    String stillReferred = deliver(endpointId, expired);

    UnreferencedEvents batch = retention.deleteUnreferencedEventsBefore(cutOff, null, 100);

    assertThat(batch.scanned()).isEqualTo(2);
    assertThat(batch.deleted()).isOne();
    assertThat(exists("webhook_events", "id", oldEvent)).isFalse();
    assertThat(exists("webhook_events", "id", youngEvent)).isTrue();
    assertThat(exists("webhook_deliveries", "id", stillReferred)).isTrue();
    assertThat(count("webhook_events")).isEqualTo(2);
  }

  @Test
  void eachBatchDeletesAtMostItsLimitAndTheNextGoesOnFromWhereItEnded() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(finished(DeliveryStatus.SUCCESS, expired.plusSeconds(i)));
    }

    ExpiredDeliveries first = retention.deleteFinishedBefore(cutOff, null, 3);
    ExpiredDeliveries second = retention.deleteFinishedBefore(cutOff, first.last(), 3);
    ExpiredDeliveries third = retention.deleteFinishedBefore(cutOff, second.last(), 3);

    assertThat(List.of(first.deliveries(), second.deliveries(), third.deliveries()))
        .containsExactly(3, 3, 1);
    assertThat(first.last().id()).isEqualTo(ids.get(2));
    assertThat(second.last().id()).isEqualTo(ids.get(5));
    assertThat(third.last().id()).isEqualTo(ids.get(6));
    assertThat(count("webhook_deliveries")).isZero();

    for (int i = 0; i < 5; i++) {
      dispatch(Ids.newId("evt"), "nobody.subscribes", expired.plusSeconds(i), null);
    }
    UnreferencedEvents events = retention.deleteUnreferencedEventsBefore(cutOff, null, 2);
    assertThat(events.scanned()).isEqualTo(2);
    assertThat(events.deleted()).isEqualTo(2);
    assertThat(retention.deleteUnreferencedEventsBefore(cutOff, events.last(), 2).deleted())
        .isEqualTo(2);
    assertThat(count("webhook_events")).isOne();
  }

  @Test
  void aPassReadsRowsItKeepsOnceAndGoesOnPastThem() {
    String needed = finished(DeliveryStatus.FAILED, expired);
    String after = finished(DeliveryStatus.SUCCESS, expired.plusSeconds(1));
    Recovery recovery =
        store.recoveries().create(new NewRecovery(user, user, user, endpointId, null, 10));
    assertThat(recovery.total()).isOne();

    ExpiredDeliveries batch = retention.deleteFinishedBefore(cutOff, null, 1);

    // The first in order is kept for the running recovery; the batch takes the next.
    assertThat(batch.deliveries()).isOne();
    assertThat(batch.last().id()).isEqualTo(after);
    assertThat(exists("webhook_deliveries", "id", needed)).isTrue();
  }

  @Test
  void aRunningRecoveryKeepsItsDeliveriesAndAnEndedOneLosesTheItemsOfDeletedOnes() {
    String failed = finished(DeliveryStatus.FAILED, expired);
    Recovery recovery =
        store.recoveries().create(new NewRecovery(user, user, user, endpointId, null, 10));

    assertThat(retention.deleteFinishedBefore(cutOff, null, 100).deliveries()).isZero();
    assertThat(exists("webhook_deliveries", "id", failed)).isTrue();

    store.recoveries().finish(recovery.id(), RecoveryState.CANCELLED);
    ExpiredDeliveries batch = retention.deleteFinishedBefore(cutOff, null, 100);

    assertThat(batch.deliveries()).isOne();
    assertThat(batch.recoveryItems()).isOne();
    assertThat(exists("webhook_recovery_items", "delivery_id", failed)).isFalse();
    // The recovery's own record stays as it ended: what it covered and did.
    Recovery ended = store.recoveries().find(recovery.id()).orElseThrow();
    assertThat(ended.state()).isEqualTo(RecoveryState.CANCELLED);
    assertThat(ended.total()).isOne();
  }

  @Test
  void dispatchAttemptsAndRetriesGoOnWhileABatchIsUnderWay() throws Exception {
    for (int i = 0; i < 50; i++) {
      finished(DeliveryStatus.SUCCESS, expired.plusMillis(i));
    }
    String pending = deliver(endpointId, now);
    String youngFailed = finished(DeliveryStatus.FAILED, young);
    TransactionTemplate sweepTransaction =
        new TransactionTemplate(new DataSourceTransactionManager(store.dataSource()));

    sweepTransaction.executeWithoutResult(
        status -> {
          // The batch runs in this open transaction: its row locks and deletes stay until it
          // ends.
          assertThat(retention.deleteFinishedBefore(cutOff, null, 100).deliveries()).isEqualTo(50);

          CompletableFuture<Void> writers =
              CompletableFuture.runAsync(
                  () -> {
                    assertThat(dispatch(Ids.newId("evt"), "a", now, null)).hasSize(2);
                    attempt(pending, true, Optional.empty());
                    assertThat(
                            store
                                .cancellations()
                                .reopenForManualAttempt(youngFailed, DeliveryStatus.FAILED, 2))
                        .isTrue();
                    attempt(youngFailed, true, Optional.empty());
                  });
          // They complete while the batch's transaction is still open.
          writers.orTimeout(20, TimeUnit.SECONDS).join();
        });

    assertThat(count("webhook_deliveries")).isEqualTo(4);
    assertThat(status(pending)).isEqualTo("success");
    assertThat(status(youngFailed)).isEqualTo("success");
  }

  @Test
  void aRecoveryStartedWhileABatchDeletesOneOfItsDeliveriesIsMadeWithoutIt() throws Exception {
    String expiring = finished(DeliveryStatus.FAILED, expired);
    String kept = finished(DeliveryStatus.FAILED, young);
    TransactionTemplate sweepTransaction =
        new TransactionTemplate(new DataSourceTransactionManager(store.dataSource()));

    CompletableFuture<Recovery> recovery =
        sweepTransaction.execute(
            status -> {
              assertThat(retention.deleteFinishedBefore(cutOff, null, 100).deliveries()).isOne();
              CompletableFuture<Recovery> started =
                  CompletableFuture.supplyAsync(
                      () ->
                          store
                              .recoveries()
                              .create(new NewRecovery(user, user, user, endpointId, null, 10)));
              // Its snapshot still sees the delivery being deleted, and waits for the row.
              await()
                  .atMost(Duration.ofSeconds(20))
                  .until(() -> store.sessionsWaitingForALock() > 0);
              return started;
            });

    Recovery created = recovery.get(20, TimeUnit.SECONDS);
    assertThat(created.total()).isOne();
    assertThat(
            store
                .jdbc()
                .sql("select delivery_id from webhook_recovery_items where recovery_id = :id")
                .param("id", created.id())
                .query(String.class)
                .list())
        .containsExactly(kept);
    assertThat(exists("webhook_deliveries", "id", expiring)).isFalse();
  }

  @Test
  void theSweepsIndexesServeItsOrderWithoutReadingTheTables() {
    assertThat(
            plan(
                "select d.id from webhook_deliveries d"
                    + " where d.status in ('success', 'failed', 'cancelled')"
                    + " and d.updated_at < now() and (d.updated_at, d.id) > (now() - interval '1 year', '')"
                    + " order by d.updated_at, d.id limit 1000"))
        .contains("webhook_deliveries_finished_idx")
        .doesNotContain("Sort");
    assertThat(
            plan(
                "select id from webhook_events where created_at < now()"
                    + " order by created_at, id limit 1000"))
        .contains("webhook_events_created_idx")
        .doesNotContain("Sort");
    assertThat(plan("select 1 from webhook_recovery_items where delivery_id = 'dlv_x'"))
        .contains("webhook_recovery_items_delivery_idx");
  }

  /** The plan PostgreSQL picks when it may only walk indexes (the test tables are nearly empty). */
  private String plan(String query) {
    return new TransactionTemplate(new DataSourceTransactionManager(store.dataSource()))
        .execute(
            status -> {
              store.jdbc().sql("set local enable_seqscan = off").update();
              store.jdbc().sql("set local enable_bitmapscan = off").update();
              return String.join(
                  "\n", store.jdbc().sql("explain " + query).query(String.class).list());
            });
  }

  private String endpoint(String url) {
    return store
        .endpoints()
        .create(new NewEndpoint(user, url, List.of("a", "fanned.out"), null), 10)
        .endpoint()
        .id();
  }

  /** Dispatches an event; returns its deliveries' ids. */
  private List<String> dispatch(
      String eventId, String type, Instant createdAt, String onlyEndpointId) {
    return store
        .dispatches()
        .dispatch(
            new NewEvent(eventId, user, null, type, "{}", createdAt, ONE_RETRY, onlyEndpointId), 0)
        .deliveries()
        .stream()
        .map(delivery -> delivery.id())
        .toList();
  }

  private String deliver(String endpoint, Instant createdAt) {
    return dispatch(Ids.newId("evt"), "a", createdAt, endpoint).getFirst();
  }

  /** A delivery of its own event that ended {@code status}, last changed at {@code changedAt}. */
  private String finished(DeliveryStatus status, Instant changedAt) {
    String id = deliver(endpointId, changedAt.minus(Duration.ofMinutes(10)));
    finish(id, status, changedAt);
    return id;
  }

  private void finish(String id, DeliveryStatus status, Instant changedAt) {
    switch (status) {
      case SUCCESS -> attempt(id, true, Optional.empty());
      case FAILED -> {
        attempt(id, false, Optional.of(now.plusSeconds(300)));
        attempt(id, false, Optional.empty());
      }
      case CANCELLED -> assertThat(store.cancellations().markCancelled(id)).isTrue();
      default -> throw new IllegalArgumentException(status.toString());
    }
    assertThat(status(id)).isEqualTo(status.wireValue());
    age(id, changedAt);
  }

  private void attempt(String id, boolean success, Optional<Instant> nextRetryAt) {
    store
        .attemptRecords()
        .recordAttempt(
            id,
            id + "/" + Ids.newId("key"),
            new AttemptResult(
                "scheduled", Instant.now(), 12, success ? 204 : 500, "", null, success),
            nextRetryAt);
  }

  /** What the clock would have said at the delivery's last change. */
  private void age(String id, Instant changedAt) {
    store
        .jdbc()
        .sql("update webhook_deliveries set updated_at = :at where id = :id")
        .param("at", changedAt.atOffset(ZoneOffset.UTC))
        .param("id", id)
        .update();
  }

  private String status(String id) {
    return store
        .jdbc()
        .sql("select status from webhook_deliveries where id = :id")
        .param("id", id)
        .query(String.class)
        .single();
  }

  private int attemptsOf(String id) {
    return store
        .jdbc()
        .sql("select count(*) from webhook_delivery_attempts where delivery_id = :id")
        .param("id", id)
        .query(Integer.class)
        .single();
  }

  private boolean exists(String table, String column, String value) {
    return store
        .jdbc()
        .sql("select exists (select 1 from " + table + " where " + column + " = :value)")
        .param("value", value)
        .query(Boolean.class)
        .single();
  }

  private long count(String table) {
    return store.jdbc().sql("select count(*) from " + table).query(Long.class).single();
  }
}
