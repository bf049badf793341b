package com.devcard.webhooks.store.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.store.Ids;
import com.devcard.webhooks.store.endpoint.EndpointChanges;
import com.devcard.webhooks.store.endpoint.NewEndpoint;
import com.devcard.webhooks.store.testing.TestStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What operators and "retry" do to the delivery log: reopen, cancel, re-run after a reset. */
class DeliveryOperatorRepositoryTest {

  private static final List<Duration> DELAYS =
      List.of(Duration.ofSeconds(30), Duration.ofMinutes(5));

  private static TestStore store;

  private final String user = "user-" + UUID.randomUUID();
  private final String endpointId =
      store
          .endpoints()
          .create(new NewEndpoint(user, "https://hooks.example.com/in", List.of("a"), null), 10)
          .endpoint()
          .id();

  @BeforeAll
  static void database() {
    store = TestStore.fresh();
  }

  private String deliver() {
    NewEvent event =
        new NewEvent(
            Ids.newId("evt"), user, null, "a", "{\"n\":1}", Instant.now(), DELAYS, endpointId);
    return store.dispatches().dispatch(event).deliveries().getFirst().id();
  }

  private static AttemptResult result(String trigger, boolean success) {
    return new AttemptResult(
        trigger, Instant.now(), 40, success ? 200 : 503, "body", null, success);
  }

  private String finished(boolean success) {
    String id = deliver();
    store
        .attemptRecords()
        .recordAttempt(id, id + "/1", result("scheduled", success), Optional.empty());
    store.pending().markWorkflowStarted(List.of(id));
    return id;
  }

  private Delivery delivery(String id) {
    return store.deliveryLog().findById(id).orElseThrow();
  }

  /** A retry that reads the delivery and reopens it as it saw it. */
  private boolean reopen(String id) {
    Delivery seen = delivery(id);
    return store.cancellations().reopenForManualAttempt(id, seen.status(), seen.attempts());
  }

  private String column(String id, String column) {
    return store
        .jdbc()
        .sql("select " + column + "::text from webhook_deliveries where id = :id")
        .param("id", id)
        .query(String.class)
        .optional()
        .orElse(null);
  }

  @Test
  void aFinishedDeliveryIsReopenedForOneManualAttempt() {
    String failed = finished(false);
    String succeeded = finished(true);

    assertThat(reopen(failed)).isTrue();
    assertThat(reopen(succeeded)).isTrue();

    for (String id : List.of(failed, succeeded)) {
      assertThat(delivery(id).status()).isEqualTo(DeliveryStatus.PENDING);
      assertThat(delivery(id).nextRetryAt()).isNull();
      PendingDelivery pending = store.pending().findPending(id).orElseThrow();
      assertThat(pending.manualAttemptOwed()).isTrue();
      assertThat(pending.workflowStarted()).isFalse();
      assertThat(pending.endpointUrl()).isEqualTo("https://hooks.example.com/in");
      assertThat(pending.retryDelays()).isEqualTo(DELAYS);
    }
  }

  @Test
  void onlyFinishedDeliveriesAndOperatorCancellationsCanBeReopened() {
    String pending = deliver();
    String byOperator = deliver();
    String byEndpoint = deliver();
    store.cancellations().cancelByOperator(byOperator);
    store.cancellations().markCancelled(byEndpoint);

    assertThat(reopen(pending)).isFalse();
    assertThat(reopen(byEndpoint)).isFalse();
    assertThat(
            store.cancellations().reopenForManualAttempt("dlv_unknown", DeliveryStatus.FAILED, 1))
        .isFalse();
    assertThat(column(byEndpoint, "cancel_reason")).isEqualTo("endpoint");
    assertThat(column(byOperator, "cancel_reason")).isEqualTo("operator");

    assertThat(reopen(byOperator)).isTrue();
    assertThat(column(byOperator, "cancel_reason")).isNull();
    assertThat(store.pending().findPending(pending).orElseThrow().manualAttemptOwed()).isFalse();
  }

  @Test
  void deliveriesCancelledWithTheirEndpointCannotBeReopened() {
    String pending = deliver();
    store
        .endpoints()
        .update(
            user,
            endpointId,
            new EndpointChanges(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(false)));

    assertThat(delivery(pending).status()).isEqualTo(DeliveryStatus.CANCELLED);
    assertThat(column(pending, "cancel_reason")).isEqualTo("endpoint");
    assertThat(reopen(pending)).isFalse();
  }

  @Test
  void ofConcurrentReopeningsExactlyOneWins() throws Exception {
    String id = finished(false);
    Delivery seen = delivery(id);
    int callers = 8;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> answers = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
      for (int i = 0; i < callers; i++) {
        Callable<Boolean> reopen =
            () -> {
              start.await();
              return store
                  .cancellations()
                  .reopenForManualAttempt(id, seen.status(), seen.attempts());
            };
        answers.add(pool.submit(reopen));
      }
      start.countDown();
      int won = 0;
      for (Future<Boolean> answer : answers) {
        won += answer.get() ? 1 : 0;
      }
      assertThat(won).isEqualTo(1);
    }
  }

  @Test
  void aRetryArrivingAfterTheAttemptOfOneThatSawTheSameDeliveryMakesNoOtherAttempt() {
    String id = finished(false);
    Delivery seenByBoth = delivery(id);
    assertThat(
            store
                .cancellations()
                .reopenForManualAttempt(id, DeliveryStatus.FAILED, seenByBoth.attempts()))
        .isTrue();
    store
        .attemptRecords()
        .recordAttempt(id, id + "/manual", result("manual", false), Optional.empty());
    assertThat(delivery(id).status()).isEqualTo(DeliveryStatus.FAILED);

    // The late one's attempt would repeat the attempt that already answered it.
    assertThat(
            store
                .cancellations()
                .reopenForManualAttempt(id, DeliveryStatus.FAILED, seenByBoth.attempts()))
        .isFalse();
    assertThat(delivery(id).status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(column(id, "manual_attempt_requested_at")).isNull();

    // A retry made after seeing that attempt's outcome is a new one.
    assertThat(reopen(id)).isTrue();
  }

  @Test
  void theManualAttemptIsAppendedAndItsOutcomeIsTheStatus() {
    String id = finished(false);
    reopen(id);

    RecordedAttempt manual =
        store
            .attemptRecords()
            .recordAttempt(id, "manual-run/1", result("manual", true), Optional.empty());

    assertThat(manual.attempt()).isEqualTo(2);
    assertThat(manual.deliveryStatus()).isEqualTo(DeliveryStatus.SUCCESS);
    assertThat(delivery(id).status()).isEqualTo(DeliveryStatus.SUCCESS);
    assertThat(column(id, "manual_attempt_requested_at")).isNull();
    assertThat(store.deliveryLog().findDetail(user, endpointId, id).orElseThrow().attemptLog())
        .extracting(Attempt::trigger)
        .containsExactly("scheduled", "manual");
  }

  @Test
  void aCancelledRunOfTheScheduleDoesNotTakeBackALaterRetry() {
    String reopened = finished(false);
    reopen(reopened);
    String onSchedule = deliver();

    assertThat(store.cancellations().cancelScheduleByOperator(reopened)).isFalse();
    assertThat(delivery(reopened).status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(store.cancellations().cancelScheduleByOperator(onSchedule)).isTrue();
    assertThat(delivery(onSchedule).status()).isEqualTo(DeliveryStatus.CANCELLED);

    assertThat(store.cancellations().cancelByOperator(reopened)).isTrue();
    assertThat(delivery(reopened).status()).isEqualTo(DeliveryStatus.CANCELLED);
    assertThat(column(reopened, "manual_attempt_requested_at")).isNull();
    assertThat(store.cancellations().cancelByOperator(reopened)).isFalse();
  }

  @Test
  void aReopenedDeliveryIsUnstartedOnceItsRequestIsOlderThanTheGrace() {
    String id = finished(false);
    reopen(id);
    Instant longAgo = Instant.parse("2020-01-01T00:00:00Z");
    Instant later = Instant.now().plusSeconds(60);

    assertThat(ids(store.pending().unstartedPending(later, longAgo, 1000))).doesNotContain(id);
    assertThat(ids(store.pending().unstartedPending(longAgo, later, 1000))).contains(id);

    store.pending().markWorkflowStarted(List.of(id));
    assertThat(ids(store.pending().unstartedPending(later, later, 1000))).doesNotContain(id);
  }

  @Test
  void attemptsReRunByANewWorkflowRunAreNumberedOnAndSetTheStatus() {
    // A reset re-runs attempts 2 and 3 of the schedule under a new run id: new attempt keys.
    String id = deliver();
    Optional<Instant> retry = Optional.of(Instant.now().plusSeconds(30));
    store.attemptRecords().recordAttempt(id, "run-1/1", result("scheduled", false), retry);
    store
        .attemptRecords()
        .recordAttempt(id, "run-1/2", result("scheduled", true), Optional.empty());
    assertThat(delivery(id).status()).isEqualTo(DeliveryStatus.SUCCESS);

    RecordedAttempt rerun =
        store.attemptRecords().recordAttempt(id, "run-2/2", result("scheduled", false), retry);
    RecordedAttempt again =
        store
            .attemptRecords()
            .recordAttempt(id, "run-2/2", result("scheduled", true), Optional.empty());
    RecordedAttempt last =
        store
            .attemptRecords()
            .recordAttempt(id, "run-2/3", result("scheduled", false), Optional.empty());

    assertThat(rerun.attempt()).isEqualTo(3);
    assertThat(rerun.deliveryStatus()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(again).isEqualTo(rerun);
    assertThat(last.attempt()).isEqualTo(4);
    assertThat(store.deliveryLog().findDetail(user, endpointId, id).orElseThrow().attemptLog())
        .extracting(Attempt::attempt)
        .containsExactly(1, 2, 3, 4);
    assertThat(delivery(id).status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(delivery(id).attempts()).isEqualTo(4);
  }

  @Test
  void pendingCountsCountTheBacklogAndThoseWaitingForARetry() {
    PendingCounts before = store.pending().pendingCounts();
    deliver();
    String waiting = deliver();
    store
        .attemptRecords()
        .recordAttempt(
            waiting, waiting + "/1", result("scheduled", false), Optional.of(Instant.now()));
    finished(true);

    PendingCounts after = store.pending().pendingCounts();

    assertThat(after.pending() - before.pending()).isEqualTo(2);
    assertThat(after.waitingForRetry() - before.waitingForRetry()).isEqualTo(1);
  }

  private static List<String> ids(List<PendingDelivery> pending) {
    return pending.stream().map(p -> p.delivery().id()).toList();
  }
}
