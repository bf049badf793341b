package com.devcard.webhooks.store.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.store.Ids;
import com.devcard.webhooks.store.endpoint.NewEndpoint;
import com.devcard.webhooks.store.testing.TestStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bounded attempt log of the detail view, its pages, and the count of manual attempts. */
class AttemptLogRepositoryTest {

  private static TestStore store;

  private final String user = "user-" + UUID.randomUUID();
  private final String endpointId = newEndpoint(user);

  @BeforeAll
  static void database() {
    store = TestStore.fresh();
  }

  @Test
  void theDetailHoldsTheLatestAttemptsOldestFirstAndTheSizeOfTheWholeLog() {
    String id = deliveryWithAttempts(7);

    DeliveryDetail latest = store.deliveryLog().findDetail(user, endpointId, id, 3).orElseThrow();
    DeliveryDetail whole = store.deliveryLog().findDetail(user, endpointId, id).orElseThrow();

    assertThat(latest.attemptLog()).extracting(Attempt::attempt).containsExactly(5, 6, 7);
    assertThat(latest.attemptTotal()).isEqualTo(7);
    assertThat(latest.attemptLogTruncated()).isTrue();
    assertThat(whole.attemptLog())
        .extracting(Attempt::attempt)
        .containsExactly(1, 2, 3, 4, 5, 6, 7);
    assertThat(whole.attemptTotal()).isEqualTo(7);
    assertThat(whole.attemptLogTruncated()).isFalse();
    DeliveryDetail none =
        store.deliveryLog().findDetail(user, endpointId, deliver(), 3).orElseThrow();
    assertThat(none.attemptLog()).isEmpty();
    assertThat(none.attemptTotal()).isZero();
    assertThat(none.attemptLogTruncated()).isFalse();
  }

  @Test
  void pagesGoNewestFirstWithoutGapsOrRepeats() {
    String id = deliveryWithAttempts(7);

    List<Integer> seen = new ArrayList<>();
    Optional<Integer> before = Optional.empty();
    int pages = 0;
    do {
      AttemptPage page =
          store.deliveryLog().attemptPage(user, endpointId, id, before, 3).orElseThrow();
      page.items().forEach(attempt -> seen.add(attempt.attempt()));
      before = page.nextBefore();
      pages++;
    } while (before.isPresent());

    assertThat(seen).containsExactly(7, 6, 5, 4, 3, 2, 1);
    assertThat(pages).isEqualTo(3);
    // A page that ends exactly at the first attempt says nothing follows.
    AttemptPage lastExact =
        store.deliveryLog().attemptPage(user, endpointId, id, Optional.of(4), 3).orElseThrow();
    assertThat(lastExact.items()).extracting(Attempt::attempt).containsExactly(3, 2, 1);
    assertThat(lastExact.nextBefore()).isEmpty();
  }

  @Test
  void anotherUsersOrADeletedEndpointsDeliveryHasNoPage() {
    String id = deliveryWithAttempts(2);

    assertThat(
            store.deliveryLog().attemptPage("someone-else", endpointId, id, Optional.empty(), 10))
        .isEmpty();
    assertThat(store.deliveryLog().attemptPage(user, newEndpoint(user), id, Optional.empty(), 10))
        .isEmpty();
    store.endpoints().delete(user, endpointId);
    assertThat(store.deliveryLog().attemptPage(user, endpointId, id, Optional.empty(), 10))
        .isEmpty();
  }

  @Test
  void manualAttemptsAreCountedApartFromScheduledOnes() {
    String id = deliver();
    record(id, "scheduled");
    record(id, "manual");
    record(id, "scheduled");
    record(id, "manual");

    assertThat(store.deliveryLog().countManualAttempts(id)).isEqualTo(2);
    assertThat(store.deliveryLog().countManualAttempts("dlv_unknown")).isZero();
  }

  @Test
  void aDeliveryAtTheManualAttemptCapIsNotReopened() {
    String id = deliver();
    record(id, "scheduled");
    record(id, "manual");
    record(id, "manual");
    Delivery seen = store.deliveryLog().findById(id).orElseThrow();

    assertThat(store.cancellations().reopenForManualAttempt(id, seen.status(), seen.attempts(), 2))
        .isFalse();
    assertThat(store.deliveryLog().findById(id).orElseThrow().status())
        .isEqualTo(DeliveryStatus.FAILED);
    assertThat(store.cancellations().reopenForManualAttempt(id, seen.status(), seen.attempts(), 3))
        .isTrue();
    assertThat(store.deliveryLog().findById(id).orElseThrow().status())
        .isEqualTo(DeliveryStatus.PENDING);
  }

  // --- helpers

  private static String newEndpoint(String userId) {
    return store
        .endpoints()
        .create(new NewEndpoint(userId, "https://hooks.example.com/in", List.of("a"), null), 50)
        .endpoint()
        .id();
  }

  private String deliver() {
    NewEvent event =
        new NewEvent(
            Ids.newId("evt"),
            user,
            null,
            "a",
            "{}",
            Instant.now(),
            List.of(Duration.ofSeconds(30)),
            endpointId);
    return store.dispatches().dispatch(event).deliveries().getFirst().id();
  }

  /** A failed delivery with this many attempts in its log. */
  private String deliveryWithAttempts(int count) {
    String id = deliver();
    IntStream.range(0, count).forEach(n -> record(id, "scheduled"));
    return id;
  }

  private static void record(String deliveryId, String trigger) {
    store
        .attemptRecords()
        .recordAttempt(
            deliveryId,
            "key-" + UUID.randomUUID(),
            new AttemptResult(trigger, Instant.now(), 5, 503, "down", null, false),
            Optional.empty());
  }
}
