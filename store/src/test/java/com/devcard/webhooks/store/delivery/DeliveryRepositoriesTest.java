package com.devcard.webhooks.store.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.store.Ids;
import com.devcard.webhooks.store.KeysetPosition;
import com.devcard.webhooks.store.Page;
import com.devcard.webhooks.store.endpoint.EndpointChanges;
import com.devcard.webhooks.store.endpoint.NewEndpoint;
import com.devcard.webhooks.store.testing.TestStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeliveryRepositoriesTest {

  private static final List<Duration> DELAYS =
      List.of(Duration.ofSeconds(30), Duration.ofMinutes(5));
  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

  private static TestStore store;

  private final String user = "user-" + UUID.randomUUID();
  private final String endpointId =
      store
          .endpoints()
          .create(
              new NewEndpoint(user, "https://hooks.example.com/in", List.of("a", "b"), null), 10)
          .endpoint()
          .id();

  @BeforeAll
  static void database() {
    store = TestStore.fresh();
  }

  private String deliver(String type, Instant createdAt) {
    NewEvent event =
        new NewEvent(
            Ids.newId("evt"), user, null, type, "{\"n\":1}", createdAt, DELAYS, endpointId);
    return store.dispatches().dispatch(event).deliveries().getFirst().id();
  }

  private String deliver() {
    return deliver("a", Instant.now());
  }

  private static AttemptResult failure(int code) {
    return new AttemptResult("scheduled", Instant.now(), 120, code, "nope", null, false);
  }

  private static AttemptResult success() {
    return new AttemptResult("scheduled", Instant.now(), 80, 200, "ok", null, true);
  }

  private List<String> allPages(
      Optional<DeliveryStatus> status, int pageSize, Runnable betweenPages) {
    List<String> seen = new ArrayList<>();
    Optional<KeysetPosition> after = Optional.empty();
    do {
      Page<Delivery> page = store.deliveryLog().list(user, endpointId, status, after, pageSize);
      assertThat(page.items().size()).isLessThanOrEqualTo(pageSize);
      page.items().forEach(d -> seen.add(d.id()));
      after = page.next();
      betweenPages.run();
    } while (after.isPresent());
    return seen;
  }

  @Test
  void listReturnsNewestFirstAcrossPagesWithoutSkipOrRepeat() {
    List<String> oldestFirst = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      oldestFirst.add(deliver("a", BASE.plusSeconds(i)));
    }
    // Two more sharing one creation time: the id breaks the tie.
    String tieA = deliver("a", BASE.plusSeconds(10));
    String tieB = deliver("a", BASE.plusSeconds(10));
    oldestFirst.add(tieA.compareTo(tieB) < 0 ? tieA : tieB);
    oldestFirst.add(tieA.compareTo(tieB) < 0 ? tieB : tieA);

    List<String> seen = allPages(Optional.empty(), 3, () -> deliver("a", Instant.now()));

    assertThat(seen).containsExactlyElementsOf(oldestFirst.reversed());
  }

  @Test
  void aPageThatEndsExactlyAtTheLastRowHasNoNext() {
    deliver("a", BASE);
    deliver("a", BASE.plusSeconds(1));

    Page<Delivery> page =
        store.deliveryLog().list(user, endpointId, Optional.empty(), Optional.empty(), 2);

    assertThat(page.items()).hasSize(2);
    assertThat(page.next()).isEmpty();
  }

  @Test
  void nextPointsAtTheLastItemOfThePage() {
    deliver("a", BASE);
    String newest = deliver("a", BASE.plusSeconds(1));

    Page<Delivery> page =
        store.deliveryLog().list(user, endpointId, Optional.empty(), Optional.empty(), 1);

    assertThat(page.items()).extracting(Delivery::id).containsExactly(newest);
    assertThat(page.next()).contains(new KeysetPosition(BASE.plusSeconds(1), newest));
  }

  @Test
  void listFiltersByStatus() {
    String pending1 = deliver("a", BASE);
    String cancelled = deliver("a", BASE.plusSeconds(1));
    String pending2 = deliver("a", BASE.plusSeconds(2));
    String succeeded = deliver("a", BASE.plusSeconds(3));
    store.cancellations().markCancelled(cancelled);
    store.attemptRecords().recordAttempt(succeeded, succeeded + "-1", success(), Optional.empty());

    assertThat(allPages(Optional.of(DeliveryStatus.PENDING), 1, () -> {}))
        .containsExactly(pending2, pending1);
    assertThat(allPages(Optional.of(DeliveryStatus.CANCELLED), 5, () -> {}))
        .containsExactly(cancelled);
    assertThat(allPages(Optional.of(DeliveryStatus.SUCCESS), 5, () -> {}))
        .containsExactly(succeeded);
    assertThat(allPages(Optional.of(DeliveryStatus.FAILED), 5, () -> {})).isEmpty();
  }

  @Test
  void listIsEmptyForAnotherUserOrADeletedEndpoint() {
    deliver();

    assertThat(
            store
                .deliveryLog()
                .list("someone-else", endpointId, Optional.empty(), Optional.empty(), 10)
                .items())
        .isEmpty();
    store.endpoints().delete(user, endpointId);
    assertThat(
            store
                .deliveryLog()
                .list(user, endpointId, Optional.empty(), Optional.empty(), 10)
                .items())
        .isEmpty();
  }

  @Test
  void findOnlyAnswersForTheOwnerThroughTheRightEndpoint() {
    String id = deliver();
    String otherEndpoint =
        store
            .endpoints()
            .create(new NewEndpoint(user, "https://other.example.com", List.of("a"), null), 10)
            .endpoint()
            .id();

    assertThat(store.deliveryLog().find(user, endpointId, id)).map(Delivery::id).contains(id);
    assertThat(store.deliveryLog().find("someone-else", endpointId, id)).isEmpty();
    assertThat(store.deliveryLog().find(user, otherEndpoint, id)).isEmpty();
    assertThat(store.deliveryLog().findDetail("someone-else", endpointId, id)).isEmpty();
    assertThat(store.deliveryLog().find(user, endpointId, "dlv_unknown")).isEmpty();

    store.endpoints().delete(user, endpointId);
    assertThat(store.deliveryLog().find(user, endpointId, id)).isEmpty();
    assertThat(store.deliveryLog().findDetail(user, endpointId, id)).isEmpty();
  }

  @Test
  void findDetailListsAttemptsInOrderWithTheirOutcome() {
    String id = deliver();
    Instant started = Instant.parse("2026-02-03T04:05:06.123456Z");
    store
        .attemptRecords()
        .recordAttempt(
            id,
            id + "-1",
            new AttemptResult("scheduled", started, 1500, null, null, "connect timed out", false),
            Optional.of(started.plusSeconds(30)));
    store
        .attemptRecords()
        .recordAttempt(
            id,
            id + "-2",
            new AttemptResult("manual", started.plusSeconds(5), 40, 200, "thanks", null, true),
            Optional.empty());

    DeliveryDetail detail = store.deliveryLog().findDetail(user, endpointId, id).orElseThrow();

    assertThat(detail.payload()).isEqualTo("{\"n\":1}");
    assertThat(detail.delivery().status()).isEqualTo(DeliveryStatus.SUCCESS);
    assertThat(detail.attemptLog())
        .containsExactly(
            new Attempt(1, "scheduled", started, 1500, null, null, "connect timed out"),
            new Attempt(2, "manual", started.plusSeconds(5), 40, 200, "thanks", null));
  }

  @Test
  void aFailureWithARetryAheadKeepsTheDeliveryPending() {
    String id = deliver();
    Instant next = Instant.parse("2030-01-01T00:00:30Z");

    RecordedAttempt recorded =
        store.attemptRecords().recordAttempt(id, id + "-1", failure(503), Optional.of(next));

    assertThat(recorded).isEqualTo(new RecordedAttempt(1, DeliveryStatus.PENDING, 503, false));
    Delivery delivery = store.deliveryLog().find(user, endpointId, id).orElseThrow();
    assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(delivery.attempts()).isOne();
    assertThat(delivery.responseCode()).isEqualTo(503);
    assertThat(delivery.nextRetryAt()).isEqualTo(next);
    assertThat(delivery.updatedAt()).isAfter(delivery.createdAt());
  }

  @Test
  void aFailureWithNoRetryAheadFailsTheDelivery() {
    String id = deliver();
    store.attemptRecords().recordAttempt(id, id + "-1", failure(500), Optional.of(Instant.now()));

    RecordedAttempt recorded =
        store.attemptRecords().recordAttempt(id, id + "-2", failure(410), Optional.empty());

    assertThat(recorded).isEqualTo(new RecordedAttempt(2, DeliveryStatus.FAILED, 410, false));
    Delivery delivery = store.deliveryLog().find(user, endpointId, id).orElseThrow();
    assertThat(delivery.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(delivery.attempts()).isEqualTo(2);
    assertThat(delivery.nextRetryAt()).isNull();
  }

  @Test
  void aSuccessEndsTheDeliveryEvenWhenARetryWasPlanned() {
    String id = deliver();

    RecordedAttempt recorded =
        store.attemptRecords().recordAttempt(id, id + "-1", success(), Optional.of(Instant.now()));

    assertThat(recorded).isEqualTo(new RecordedAttempt(1, DeliveryStatus.SUCCESS, 200, true));
    assertThat(store.deliveryLog().find(user, endpointId, id).orElseThrow().nextRetryAt()).isNull();
  }

  @Test
  void recordingTheSameAttemptKeyAgainChangesNothingAndGivesTheFirstAnswer() {
    String id = deliver();
    RecordedAttempt first =
        store
            .attemptRecords()
            .recordAttempt(id, id + "-1", failure(500), Optional.of(Instant.now()));
    Delivery afterFirst = store.deliveryLog().find(user, endpointId, id).orElseThrow();

    RecordedAttempt again =
        store.attemptRecords().recordAttempt(id, id + "-1", success(), Optional.empty());

    assertThat(again).isEqualTo(first);
    assertThat(store.deliveryLog().find(user, endpointId, id)).contains(afterFirst);
    assertThat(store.deliveryLog().findDetail(user, endpointId, id).orElseThrow().attemptLog())
        .hasSize(1);
  }

  @Test
  void concurrentRecordingsOfOneAttemptKeyRecordItOnce() throws Exception {
    String id = deliver();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<RecordedAttempt>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return store
                      .attemptRecords()
                      .recordAttempt(id, id + "-1", failure(502), Optional.of(Instant.now()));
                }));
      }
      start.countDown();
      for (Future<RecordedAttempt> future : futures) {
        assertThat(future.get())
            .isEqualTo(new RecordedAttempt(1, DeliveryStatus.PENDING, 502, false));
      }
      assertThat(store.deliveryLog().find(user, endpointId, id).orElseThrow().attempts()).isOne();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void attemptsAreNumberedInTheOrderTheyAreRecorded() {
    String id = deliver();

    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      numbers.add(
          store
              .attemptRecords()
              .recordAttempt(
                  id, "key-" + UUID.randomUUID(), failure(500), Optional.of(Instant.now()))
              .attempt());
    }

    assertThat(numbers).containsExactly(1, 2, 3, 4);
    assertThat(store.deliveryLog().findDetail(user, endpointId, id).orElseThrow().attemptLog())
        .extracting(Attempt::attempt)
        .containsExactly(1, 2, 3, 4);
  }

  @Test
  void aCancelledDeliveryStaysCancelledWhenALateAttemptIsRecorded() {
    String id = deliver();
    assertThat(store.cancellations().markCancelled(id)).isTrue();

    RecordedAttempt failed =
        store
            .attemptRecords()
            .recordAttempt(id, id + "-1", failure(500), Optional.of(Instant.now()));
    RecordedAttempt failedForGood =
        store.attemptRecords().recordAttempt(id, id + "-2", failure(500), Optional.empty());

    assertThat(failed.deliveryStatus()).isEqualTo(DeliveryStatus.CANCELLED);
    assertThat(failedForGood.deliveryStatus()).isEqualTo(DeliveryStatus.CANCELLED);
    Delivery delivery = store.deliveryLog().find(user, endpointId, id).orElseThrow();
    assertThat(delivery.status()).isEqualTo(DeliveryStatus.CANCELLED);
    assertThat(delivery.attempts()).isEqualTo(2);
    assertThat(delivery.nextRetryAt()).isNull();
  }

  @Test
  void nulCharactersAreStrippedFromResponseBodyAndError() {
    String id = deliver();
    AttemptResult withNul =
        new AttemptResult(
            "scheduled", Instant.now(), 5, 500, "bin\u0000ary", "bad\u0000byte", false);

    store.attemptRecords().recordAttempt(id, id + "-1", withNul, Optional.empty());

    Attempt attempt =
        store.deliveryLog().findDetail(user, endpointId, id).orElseThrow().attemptLog().getFirst();
    assertThat(attempt.responseBody()).isEqualTo("binary");
    assertThat(attempt.error()).isEqualTo("badbyte");
  }

  @Test
  void recordingAnAttemptOfAnUnknownDeliveryFails() {
    assertThatThrownBy(
            () ->
                store
                    .attemptRecords()
                    .recordAttempt("dlv_unknown", "k", failure(500), Optional.empty()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void markCancelledOnlyChangesPendingDeliveries() {
    String pending = deliver();
    String succeeded = deliver();
    store.attemptRecords().recordAttempt(succeeded, succeeded + "-1", success(), Optional.empty());

    assertThat(store.cancellations().markCancelled(pending)).isTrue();
    assertThat(store.cancellations().markCancelled(pending)).isFalse();
    assertThat(store.cancellations().markCancelled(succeeded)).isFalse();
    assertThat(store.cancellations().markCancelled("dlv_unknown")).isFalse();
    assertThat(store.deliveryLog().find(user, endpointId, succeeded).orElseThrow().status())
        .isEqualTo(DeliveryStatus.SUCCESS);
  }

  @Test
  void loadForAttemptShowsThePayloadAndTheEndpointState() {
    String id = deliver();

    DeliveryForAttempt loaded = store.attemptRecords().loadForAttempt(id).orElseThrow();
    assertThat(loaded.delivery().id()).isEqualTo(id);
    assertThat(loaded.delivery().userId()).isEqualTo(user);
    assertThat(loaded.payload()).isEqualTo("{\"n\":1}");
    assertThat(loaded.endpointUrl()).isEqualTo("https://hooks.example.com/in");
    assertThat(loaded.endpointActive()).isTrue();
    assertThat(loaded.endpointDeleted()).isFalse();

    store
        .endpoints()
        .update(
            user,
            endpointId,
            new EndpointChanges(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(false)));
    assertThat(store.attemptRecords().loadForAttempt(id).orElseThrow().endpointActive()).isFalse();

    store.endpoints().delete(user, endpointId);
    assertThat(store.attemptRecords().loadForAttempt(id).orElseThrow().endpointDeleted()).isTrue();
    assertThat(store.attemptRecords().loadForAttempt("dlv_unknown")).isEmpty();
  }

  @Test
  void pendingAfterPagesThroughPendingDeliveriesById() {
    List<String> pending = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      pending.add(deliver());
    }
    store.cancellations().markCancelled(pending.remove(2));
    List<String> mine = pending.stream().sorted().toList();

    List<String> seen = new ArrayList<>();
    Optional<String> after = Optional.empty();
    while (true) {
      List<PendingDelivery> batch = store.pending().pendingAfter(after, 2);
      if (batch.isEmpty()) {
        break;
      }
      assertThat(batch.size()).isLessThanOrEqualTo(2);
      batch.forEach(p -> seen.add(p.delivery().id()));
      after = Optional.of(batch.getLast().delivery().id());
    }

    assertThat(seen).isSorted().doesNotHaveDuplicates();
    assertThat(seen.stream().filter(mine::contains).toList()).containsExactlyElementsOf(mine);
    PendingDelivery one = store.pending().pendingAfter(Optional.of(mine.getFirst()), 1).getFirst();
    assertThat(one.endpointUrl()).isNotBlank();
    assertThat(one.retryDelays()).isNotEmpty();
  }

  @Test
  void pendingAfterSkipsDeliveriesOfDeletedEndpoints() {
    String id = deliver();
    // A pending row under a deleted endpoint cannot arise through the repositories; make one.
    store
        .jdbc()
        .sql("update webhook_endpoints set deleted_at = now() where id = :id")
        .param("id", endpointId)
        .update();

    assertThat(allPendingIds()).doesNotContain(id);
  }

  private List<String> allPendingIds() {
    return store.pending().pendingAfter(Optional.empty(), 100_000).stream()
        .map(p -> p.delivery().id())
        .toList();
  }

  @Test
  void unstartedPendingFindsOldDeliveriesWhoseWorkflowWasNeverStarted() {
    Instant cutoff = Instant.parse("2020-06-01T00:00:00Z");
    String oldUnstarted = deliver("a", cutoff.minusSeconds(60));
    String oldStarted = deliver("a", cutoff.minusSeconds(50));
    String oldCancelled = deliver("a", cutoff.minusSeconds(40));
    String recent = deliver("a", cutoff.plusSeconds(1));
    store.pending().markWorkflowStarted(List.of(oldStarted));
    store.cancellations().markCancelled(oldCancelled);

    List<PendingDelivery> found = store.pending().unstartedPending(cutoff, cutoff, 100);

    assertThat(found).extracting(p -> p.delivery().id()).containsExactly(oldUnstarted);
    assertThat(found.getFirst().retryDelays()).isEqualTo(DELAYS);
    assertThat(found.getFirst().endpointUrl()).isEqualTo("https://hooks.example.com/in");

    store.pending().markWorkflowStarted(List.of(oldUnstarted, recent));
    store.pending().markWorkflowStarted(List.of());
    assertThat(store.pending().unstartedPending(cutoff.plusSeconds(3600), cutoff, 100)).isEmpty();
  }
}
