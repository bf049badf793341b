package com.devcard.webhooks.store.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.delivery.RecoveryItemOutcome;
import com.devcard.webhooks.delivery.RecoveryState;
import com.devcard.webhooks.store.delivery.AttemptResult;
import com.devcard.webhooks.store.endpoint.Endpoint;
import com.devcard.webhooks.store.testing.TestStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RecoveryRepositoryTest {

  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

  private static final TestStore store = TestStore.fresh();
  private static final RecoveryRepository recoveries = store.recoveries();

  private final String user = "user-" + UUID.randomUUID();
  private final String endpointId = store.newEndpoint(user);

  @Test
  void theSnapshotHoldsTheMatchingFailedDeliveriesOldestFirstAndTheTotalAtOnce() {
    String older = failedDelivery(endpointId, BASE.plusSeconds(10));
    String newer = failedDelivery(endpointId, BASE.plusSeconds(20));
    failedDelivery(endpointId, BASE.minusSeconds(1)); // before since
    pendingDelivery(endpointId, BASE.plusSeconds(30));
    succeededDelivery(endpointId, BASE.plusSeconds(40));
    failedDelivery(store.newEndpoint(user), BASE.plusSeconds(50)); // another endpoint

    Recovery recovery = recoveries.create(ownRecovery(endpointId, BASE));

    assertThat(recovery.id()).startsWith("rcv_");
    assertThat(recovery.state()).isEqualTo(RecoveryState.RUNNING);
    assertThat(recovery.total()).isEqualTo(2);
    assertThat(recovery.done()).isZero();
    assertThat(recovery.ratePerSecond()).isEqualTo(10);
    assertThat(recovery.createdAt()).isNotNull();
    assertThat(item(recovery, 1).deliveryId()).isEqualTo(older);
    assertThat(item(recovery, 2).deliveryId()).isEqualTo(newer);
    assertThat(recoveries.findItem(recovery.id(), 3)).isEmpty();
    RecoveryItem first = item(recovery, 1);
    assertThat(first.isPending()).isTrue();
    assertThat(first.deliveryStatus()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(first.recoveryState()).isEqualTo(RecoveryState.RUNNING);
  }

  @Test
  void aDeliveryThatFailsAfterTheSnapshotIsNotPartOfIt() {
    failedDelivery(endpointId, BASE.plusSeconds(1));
    Recovery recovery = recoveries.create(ownRecovery(endpointId, BASE));

    failedDelivery(endpointId, BASE.plusSeconds(2));

    assertThat(recoveries.find(recovery.id()).orElseThrow().total()).isEqualTo(1);
    assertThat(recoveries.findItem(recovery.id(), 2)).isEmpty();
  }

  @Test
  void deliveriesOfDeletedOrInactiveEndpointsAreLeftOut() {
    String inactive = store.newEndpoint(user);
    String deleted = store.newEndpoint(user);
    failedDelivery(endpointId, BASE.plusSeconds(1));
    failedDelivery(inactive, BASE.plusSeconds(2));
    failedDelivery(deleted, BASE.plusSeconds(3));
    store.setActive(user, inactive, false);
    store.endpoints().delete(user, deleted);

    Recovery recovery = recoveries.create(operatorRecovery(user, null, null));

    assertThat(recovery.total()).isEqualTo(1);
  }

  @Test
  void operatorFiltersCombineAndNoFilterTakesEveryUser() {
    String otherUser = "user-" + UUID.randomUUID();
    String otherEndpoint = store.newEndpoint(otherUser);
    failedDelivery(endpointId, BASE.plusSeconds(1));
    failedDelivery(otherEndpoint, BASE.plusSeconds(2));

    assertThat(recoveries.create(operatorRecovery(user, null, null)).total()).isEqualTo(1);
    assertThat(recoveries.create(operatorRecovery(otherUser, endpointId, null)).total()).isZero();
    assertThat(recoveries.create(operatorRecovery(null, otherEndpoint, null)).total()).isEqualTo(1);
    assertThat(recoveries.create(operatorRecovery(null, null, null)).total())
        .isGreaterThanOrEqualTo(2);
  }

  @Test
  void finishingAnItemCountsItOnceWithItsOutcome() {
    failedDelivery(endpointId, BASE.plusSeconds(1));
    failedDelivery(endpointId, BASE.plusSeconds(2));
    failedDelivery(endpointId, BASE.plusSeconds(3));
    Recovery recovery = recoveries.create(ownRecovery(endpointId, BASE));

    assertThat(recoveries.finishItem(recovery.id(), 1, RecoveryItemOutcome.SUCCEEDED, 3))
        .isEqualTo(RecoveryItemOutcome.SUCCEEDED);
    assertThat(recoveries.finishItem(recovery.id(), 2, RecoveryItemOutcome.FAILED, 3))
        .isEqualTo(RecoveryItemOutcome.FAILED);
    assertThat(recoveries.finishItem(recovery.id(), 3, RecoveryItemOutcome.SKIPPED, null))
        .isEqualTo(RecoveryItemOutcome.SKIPPED);
    // Again, with another outcome: the first one stands and nothing is counted twice.
    assertThat(recoveries.finishItem(recovery.id(), 1, RecoveryItemOutcome.FAILED, 4))
        .isEqualTo(RecoveryItemOutcome.SUCCEEDED);

    Recovery counted = recoveries.find(recovery.id()).orElseThrow();
    assertThat(counted.done()).isEqualTo(3);
    assertThat(counted.succeeded()).isEqualTo(1);
    assertThat(counted.failed()).isEqualTo(1);
    assertThat(item(recovery, 1).outcome()).isEqualTo(RecoveryItemOutcome.SUCCEEDED);
    assertThat(item(recovery, 1).attempt()).isEqualTo(3);
    assertThat(item(recovery, 3).attempt()).isNull();
    assertThat(counted.updatedAt()).isAfterOrEqualTo(counted.createdAt());
  }

  @Test
  void concurrentFinishesOfOneItemCountItOnce() throws Exception {
    failedDelivery(endpointId, BASE.plusSeconds(1));
    Recovery recovery = recoveries.create(ownRecovery(endpointId, BASE));
    List<Callable<RecoveryItemOutcome>> finishes = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      finishes.add(() -> recoveries.finishItem(recovery.id(), 1, RecoveryItemOutcome.SUCCEEDED, 2));
    }

    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (Future<RecoveryItemOutcome> result : pool.invokeAll(finishes)) {
        assertThat(result.get()).isEqualTo(RecoveryItemOutcome.SUCCEEDED);
      }
    } finally {
      pool.shutdown();
    }

    assertThat(recoveries.find(recovery.id()).orElseThrow().done()).isEqualTo(1);
  }

  @Test
  void aRecoveryCancelIsNoOutcomeAnItemIsFinishedWith() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> recoveries.finishItem("rcv_x", 1, RecoveryItemOutcome.RECOVERY_CANCELLED, null));
  }

  @Test
  void aCancelledRecoveryStaysCancelledWhenItsWorkflowLaterCompletes() {
    Recovery recovery = recoveries.create(ownRecovery(endpointId, BASE));

    assertThat(recoveries.finish(recovery.id(), RecoveryState.CANCELLED))
        .contains(RecoveryState.CANCELLED);
    assertThat(recoveries.finish(recovery.id(), RecoveryState.COMPLETED))
        .contains(RecoveryState.CANCELLED);
    assertThat(recoveries.finish("rcv_missing", RecoveryState.COMPLETED)).isEmpty();
    assertThatIllegalArgumentException()
        .isThrownBy(() -> recoveries.finish(recovery.id(), RecoveryState.RUNNING));
  }

  @Test
  void onlyTheOwnerFindsTheirRecoveryAndNobodyOwnsAnOperatorsOne() {
    Recovery own = recoveries.create(ownRecovery(endpointId, BASE));
    Recovery operators = recoveries.create(operatorRecovery(user, null, null));

    assertThat(recoveries.findOwned(user, own.id())).contains(own);
    assertThat(recoveries.findOwned("someone-else", own.id())).isEmpty();
    assertThat(recoveries.findOwned(user, operators.id())).isEmpty();
    assertThat(recoveries.find(operators.id())).isPresent();
  }

  @Test
  void aResumedRecoveryCarriesOnAtItsFirstPendingItem() {
    failedDelivery(endpointId, BASE.plusSeconds(1));
    failedDelivery(endpointId, BASE.plusSeconds(2));
    failedDelivery(endpointId, BASE.plusSeconds(3));
    Recovery recovery = recoveries.create(ownRecovery(endpointId, BASE));

    assertThat(recoveries.firstPendingPosition(recovery.id())).isEqualTo(1);
    recoveries.finishItem(recovery.id(), 1, RecoveryItemOutcome.SUCCEEDED, 2);
    recoveries.finishItem(recovery.id(), 2, RecoveryItemOutcome.FAILED, 2);
    assertThat(recoveries.firstPendingPosition(recovery.id())).isEqualTo(3);
    recoveries.finishItem(recovery.id(), 3, RecoveryItemOutcome.FAILED, 2);
    assertThat(recoveries.firstPendingPosition(recovery.id())).isEqualTo(4);
  }

  @Test
  void runningRecoveriesAreListedByIdAndCounted() {
    long before = recoveries.countRunning();
    Recovery first = recoveries.create(ownRecovery(endpointId, BASE));
    Recovery second = recoveries.create(ownRecovery(store.newEndpoint(user), BASE));
    Recovery ended = recoveries.create(ownRecovery(store.newEndpoint(user), BASE));
    recoveries.finish(ended.id(), RecoveryState.COMPLETED);

    assertThat(recoveries.countRunning()).isEqualTo(before + 2);
    List<String> running =
        recoveries.runningAfter(Optional.empty(), 1000).stream().map(Recovery::id).toList();
    assertThat(running).contains(first.id(), second.id()).doesNotContain(ended.id()).isSorted();
    assertThat(recoveries.runningAfter(Optional.of(first.id()), 1000))
        .extracting(Recovery::id)
        .doesNotContain(first.id())
        .contains(second.id());
  }

  @Test
  void aSecondRecoveryOfAnEndpointIsRefusedWhileTheFirstRunsNamingIt() {
    Recovery running = recoveries.create(ownRecovery(endpointId, BASE));
    long rows = recoveryRows();

    assertThatThrownBy(() -> recoveries.create(ownRecovery(endpointId, BASE.plusSeconds(5))))
        .isInstanceOfSatisfying(
            RecoveryAlreadyRunningException.class,
            refused -> assertThat(refused.runningRecoveryId()).isEqualTo(running.id()));
    // An operator's recovery of the same endpoint is refused the same way.
    assertThatThrownBy(() -> recoveries.create(operatorRecovery(null, endpointId, null)))
        .isInstanceOf(RecoveryAlreadyRunningException.class);
    assertThat(recoveryRows()).isEqualTo(rows);
    assertThat(recoveries.runningOf(endpointId)).contains(running.id());
  }

  @Test
  void anEndedRecoveryFreesItsEndpoint() {
    Recovery cancelled = recoveries.create(ownRecovery(endpointId, BASE));
    recoveries.finish(cancelled.id(), RecoveryState.CANCELLED);
    Recovery completed = recoveries.create(ownRecovery(endpointId, BASE));
    recoveries.finish(completed.id(), RecoveryState.COMPLETED);

    Recovery next = recoveries.create(ownRecovery(endpointId, BASE));

    assertThat(next.state()).isEqualTo(RecoveryState.RUNNING);
    assertThat(recoveries.runningOf(endpointId)).contains(next.id());
  }

  @Test
  void recoveriesWithoutAnEndpointFilterAreNotLimited() {
    Recovery own = recoveries.create(ownRecovery(endpointId, BASE));

    Recovery ofTheUser = recoveries.create(operatorRecovery(user, null, null));
    Recovery ofTheUserAgain = recoveries.create(operatorRecovery(user, null, BASE));

    assertThat(List.of(own, ofTheUser, ofTheUserAgain))
        .extracting(Recovery::state)
        .containsOnly(RecoveryState.RUNNING);
  }

  @Test
  void concurrentCreatesForOneEndpointStartExactlyOne() throws Exception {
    failedDelivery(endpointId, BASE.plusSeconds(1));
    List<Callable<String>> creates = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      creates.add(
          () -> {
            try {
              return "started " + recoveries.create(ownRecovery(endpointId, BASE)).id();
            } catch (RecoveryAlreadyRunningException refused) {
              return "refused " + refused.runningRecoveryId();
            }
          });
    }

    List<String> answers = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(12);
    try {
      for (Future<String> answer : pool.invokeAll(creates)) {
        answers.add(answer.get());
      }
    } finally {
      pool.shutdown();
    }

    List<String> started = answers.stream().filter(a -> a.startsWith("started ")).toList();
    assertThat(started).hasSize(1);
    String winner = started.getFirst().substring("started ".length());
    assertThat(answers).containsOnly("started " + winner, "refused " + winner);
    assertThat(
            store
                .jdbc()
                .sql("select count(*) from webhook_recoveries where endpoint_id = :id")
                .param("id", endpointId)
                .query(Long.class)
                .single())
        .isOne();
  }

  @Test
  void deliveriesWithTheMostManualAttemptsAllowedAreLeftOutWhenAsked() {
    String capped = failedDelivery(endpointId, BASE.plusSeconds(1));
    String belowCap = failedDelivery(endpointId, BASE.plusSeconds(2));
    manualAttempt(capped);
    manualAttempt(capped);
    manualAttempt(belowCap);

    Recovery withCap =
        recoveries.create(new NewRecovery(user, user, user, endpointId, BASE, 10, 2));
    recoveries.finish(withCap.id(), RecoveryState.CANCELLED);
    Recovery withoutCap = recoveries.create(ownRecovery(endpointId, BASE));

    assertThat(withCap.total()).isOne();
    assertThat(item(withCap, 1).deliveryId()).isEqualTo(belowCap);
    assertThat(withoutCap.total()).isEqualTo(2);
  }

  // --- helpers

  private static long recoveryRows() {
    return store.jdbc().sql("select count(*) from webhook_recoveries").query(Long.class).single();
  }

  private static void manualAttempt(String deliveryId) {
    store.recordAttempt(
        deliveryId, new AttemptResult("manual", Instant.now(), 10, 503, "down", null, false));
  }

  private NewRecovery ownRecovery(String endpoint, Instant since) {
    return new NewRecovery(user, user, user, endpoint, since, 10);
  }

  private static NewRecovery operatorRecovery(String userId, String endpoint, Instant since) {
    return new NewRecovery(null, "operator", userId, endpoint, since, 10);
  }

  private static RecoveryItem item(Recovery recovery, int position) {
    return recoveries.findItem(recovery.id(), position).orElseThrow();
  }

  private String pendingDelivery(String endpoint, Instant createdAt) {
    String owner = store.endpoints().findById(endpoint).map(Endpoint::userId).orElseThrow();
    return store.event(owner, endpoint).createdAt(createdAt).deliver();
  }

  private String failedDelivery(String endpoint, Instant createdAt) {
    String id = pendingDelivery(endpoint, createdAt);
    store.recordAttempt(
        id, new AttemptResult("scheduled", Instant.now(), 10, 503, "down", null, false));
    return id;
  }

  private void succeededDelivery(String endpoint, Instant createdAt) {
    String id = pendingDelivery(endpoint, createdAt);
    store.recordAttempt(
        id, new AttemptResult("scheduled", Instant.now(), 10, 200, "ok", null, true));
  }
}
