package com.devcard.webhooks.worker.attempt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.store.endpoint.NewEndpoint;
import com.devcard.webhooks.store.ratelimit.RateLimitSlots.Slot;
import com.devcard.webhooks.store.testing.TestStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rate limit's decision against the slots in a real PostgreSQL. */
class RateLimitGateTest {

  private static final TestStore store = TestStore.fresh();
  private static final RateLimitGate gate = new RateLimitGate(store.rateLimits());

  @Test
  void theFirstAttemptStartsNowAndTheNextWaitsForTheNextSlot() {
    String endpointId = endpoint();

    long beforeFirst = System.nanoTime();
    Optional<Slot> first = gate.queue(endpointId, 2, false);
    Optional<Slot> second = gate.queue(endpointId, 2, false);
    // 2 per second is a slot every 500 ms, and queued ones are 5% further apart: the second slot is
    // 525 ms after the first, less what passed between the two.
    Duration sinceFirst = Duration.ofNanos(System.nanoTime() - beforeFirst);

    assertThat(first).isEmpty();
    assertThat(gate.admit(endpointId, 2)).isEmpty();
    assertThat(second).isPresent();
    assertThat(second.get().remaining())
        .isBetween(Duration.ofMillis(525).minus(sinceFirst), Duration.ofMillis(525));
  }

  @Test
  void anAttemptBackForItsSlotIsNotQueuedAgainAndStartsWhenTheWindowHasRoom() {
    String endpointId = endpoint();
    assertThat(gate.queue(endpointId, 4, false)).isEmpty();
    assertThat(gate.admit(endpointId, 4)).isEmpty();
    Slot slot = gate.queue(endpointId, 4, false).orElseThrow();

    // The attempt's timer fires: the database's clock, which the slots are kept on, reaches its
    // slot.
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> !store.databaseNow().isBefore(slot.at()));

    assertThat(gate.queue(endpointId, 4, true)).isEmpty();
    assertThat(gate.admit(endpointId, 4)).isEmpty();
  }

  @Test
  void attemptsThatWakeTogetherStartWhileTheWindowHasRoomAndTheRestComeBackSpreadOut() {
    String endpointId = endpoint();
    // late timers fire at once: as many start as the limit allows within a second, here one
    Instant firstCalled = Instant.now();
    assertThat(gate.admit(endpointId, 1)).isEmpty();
    Slot second = gate.admit(endpointId, 1).orElseThrow();
    Slot third = gate.admit(endpointId, 1).orElseThrow();

    // the second once the first start has left the window, the third a queued slot (1.05 s) later
    assertThat(second.at()).isBetween(firstCalled.plusSeconds(1), Instant.now().plusSeconds(1));
    assertThat(Duration.between(second.at(), third.at())).isEqualTo(Duration.ofMillis(1050));
  }

  private static String endpoint() {
    return store
        .endpoints()
        .create(
            new NewEndpoint("user-gate", "https://example.com/hook", List.of("card.viewed"), null),
            1000)
        .endpoint()
        .id();
  }
}
