package com.devcard.webhooks.store.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.store.Ids;
import com.devcard.webhooks.store.endpoint.NewEndpoint;
import com.devcard.webhooks.store.testing.TestStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The order deliveries are admitted into Temporal: users in turn, and no user past its places, so
 * that one user's backlog never stands before another user's delivery.
 */
class AdmissionOrderTest {

  private static final List<Duration> DELAYS = List.of(Duration.ofSeconds(30));
  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

  // Admission looks at every user's deliveries: each test has a database of its own.
  private TestStore store;

  @BeforeEach
  void database() {
    store = TestStore.fresh();
  }

  @Test
  void everyUsersOldestComesBeforeAnyonesSecondWhateverTheBacklog() {
    String busy = endpoint();
    String quiet = endpoint();
    List<String> backlog = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      backlog.add(deliver(busy, BASE.plusSeconds(i)));
    }
    String quietOne = deliver(quiet, BASE.plusSeconds(100));

    List<String> next = ids(store.pending().nextToAdmit(16, 2, 100));

    assertThat(next).hasSize(17);
    assertThat(next.subList(0, 2)).containsExactly(backlog.get(0), quietOne);
    assertThat(next.subList(2, 17)).containsExactlyElementsOf(backlog.subList(1, 16));
    assertThat(ids(store.pending().nextToAdmit(16, 2, 1))).containsExactly(backlog.get(0));
  }

  @Test
  void aUserWithAllItsPlacesTakenWaitsWhileOthersGoIn() {
    String busy = endpoint();
    String quiet = endpoint();
    List<String> backlog = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      backlog.add(deliver(busy, BASE.plusSeconds(i)));
    }
    store.pending().markWorkflowStarted(backlog.subList(0, 3));
    String quietOne = deliver(quiet, BASE.plusSeconds(100));

    assertThat(ids(store.pending().nextToAdmit(3, 2, 100))).containsExactly(quietOne);
    assertThat(ids(store.pending().nextToAdmit(4, 2, 100)))
        .containsExactly(backlog.get(3), quietOne);
  }

  @Test
  void aDeliveryWaitingForItsRetryOrFinishedHoldsNoPlace() {
    String busy = endpoint();
    String waiting = deliver(busy, BASE);
    String finished = deliver(busy, BASE.plusSeconds(1));
    String next = deliver(busy, BASE.plusSeconds(2));
    store.pending().markWorkflowStarted(List.of(waiting, finished));
    store
        .attemptRecords()
        .recordAttempt(waiting, "a1", failure(), Optional.of(Instant.now().plusSeconds(30)));
    store.attemptRecords().recordAttempt(finished, "a2", success(), Optional.empty());

    assertThat(ids(store.pending().nextToAdmit(1, 2, 100))).containsExactly(next);
  }

  @Test
  void manualAttemptsHeldCancelledAndDeletedEndpointsDeliveriesAreNotAdmission() {
    String kept = endpoint();
    String deleted = endpoint();
    String cancelled = deliver(kept, BASE);
    String ofDeleted = deliver(deleted, BASE.plusSeconds(1));
    String admitted = deliver(kept, BASE.plusSeconds(2));
    store.cancellations().markCancelled(cancelled);
    store.endpoints().delete(userOf(deleted), deleted);

    assertThat(ids(store.pending().nextToAdmit(16, 2, 100)))
        .containsExactly(admitted)
        .doesNotContain(ofDeleted);
  }

  @Test
  void eachUserGetsItsFreePlacesOnlyInTurnAndADeletedEndpointTakesNoneOfThem() {
    String busy = endpoint();
    String busyDeleted = endpointOf(userOf(busy));
    String other = endpoint();
    String single = endpoint();
    List<String> ofDeleted = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ofDeleted.add(deliver(busyDeleted, BASE.plusSeconds(i)));
    }
    List<String> busyOnes = new ArrayList<>();
    List<String> otherOnes = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      busyOnes.add(deliver(busy, BASE.plusSeconds(10 + 2 * i)));
      otherOnes.add(deliver(other, BASE.plusSeconds(11 + 2 * i)));
    }
    String singleOne = deliver(single, BASE.plusSeconds(5));
    store.pending().markWorkflowStarted(busyOnes.subList(0, 1));
    store.endpoints().delete(userOf(busyDeleted), busyDeleted);

    // Three places each: the busy user has one taken, so two of its waiting deliveries go in,
    // the older ones of its deleted endpoint not counted among them.
    assertThat(ids(store.pending().nextToAdmit(3, 2, 100)))
        .containsExactly(
            singleOne,
            otherOnes.get(0),
            busyOnes.get(1),
            otherOnes.get(1),
            busyOnes.get(2),
            otherOnes.get(2))
        .doesNotContainAnyElementsOf(ofDeleted);
    assertThat(ids(store.pending().nextToAdmit(3, 2, 2)))
        .containsExactly(singleOne, otherOnes.get(0));
  }

  @Test
  void eachComesWithItsUsersUnfinishedDeliveriesAheadOfIt() {
    String busy = endpoint();
    String quiet = endpoint();
    List<String> backlog = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      backlog.add(deliver(busy, BASE.plusSeconds(i)));
    }
    String waitingForRetry = deliver(quiet, BASE.plusSeconds(10));
    String quietOne = deliver(quiet, BASE.plusSeconds(11));
    store.pending().markWorkflowStarted(List.of(backlog.get(0), waitingForRetry));
    store
        .attemptRecords()
        .recordAttempt(
            waitingForRetry, "a1", failure(), Optional.of(Instant.now().plusSeconds(30)));

    Map<String, Integer> ahead = new HashMap<>();
    store
        .pending()
        .nextToAdmit(4, 2, 100)
        .forEach(next -> ahead.put(next.pending().delivery().id(), next.unfinishedAhead()));

    // The busy user has one under way, then its next ones in the batch go in before each other;
    // the quiet user's delivery waiting for its retry is unfinished too, though it holds no place.
    assertThat(ahead)
        .containsOnly(
            Map.entry(backlog.get(1), 1),
            Map.entry(backlog.get(2), 2),
            Map.entry(backlog.get(3), 3),
            Map.entry(quietOne, 1));
  }

  private final Map<String, String> owners = new HashMap<>();

  private String endpoint() {
    return endpointOf("user-" + UUID.randomUUID());
  }

  private String endpointOf(String user) {
    String id =
        store
            .endpoints()
            .create(new NewEndpoint(user, "https://hooks.example.com/in", List.of("a"), null), 10)
            .endpoint()
            .id();
    owners.put(id, user);
    return id;
  }

  private String userOf(String endpointId) {
    return owners.get(endpointId);
  }

  private String deliver(String endpointId, Instant createdAt) {
    NewEvent event =
        new NewEvent(
            Ids.newId("evt"),
            userOf(endpointId),
            null,
            "a",
            "{\"n\":1}",
            createdAt,
            DELAYS,
            endpointId);
    return store.dispatches().dispatch(event, 0).deliveries().getFirst().id();
  }

  private static AttemptResult failure() {
    return new AttemptResult("scheduled", Instant.now(), 120, 500, "nope", null, false);
  }

  private static AttemptResult success() {
    return new AttemptResult("scheduled", Instant.now(), 80, 200, "ok", null, true);
  }

  private static List<String> ids(List<DeliveryToAdmit> deliveries) {
    return deliveries.stream().map(next -> next.pending().delivery().id()).toList();
  }
}
