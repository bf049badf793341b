package com.devcard.webhooks.worker.attempt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.store.endpoint.NewEndpoint;
import com.devcard.webhooks.store.ratelimit.RateLimitSlots.Slot;
import com.devcard.webhooks.store.testing.TestStore;
import java.time.Duration;
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
    Optional<Slot> first = gate.waitFor(endpointId, 2, false);
    Optional<Slot> second = gate.waitFor(endpointId, 2, false);
    // The second slot is half a second after the first, less what passed between the two.
    Duration sinceFirst = Duration.ofNanos(System.nanoTime() - beforeFirst);

    assertThat(first).isEmpty();
    assertThat(second).isPresent();
    assertThat(second.get().remaining())
        .isBetween(Duration.ofMillis(500).minus(sinceFirst), Duration.ofMillis(500));
  }

  @Test
  void anAttemptBackForItsSlotStartsWhenTheStartsBeforeItLeaveRoom() {
    String endpointId = endpoint();
    assertThat(gate.waitFor(endpointId, 4, false)).isEmpty();
    Slot slot = gate.waitFor(endpointId, 4, false).orElseThrow();

    // The attempt's timer fires: the database's clock, which the slots are kept on, reaches its
    // slot.
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> !store.databaseNow().isBefore(slot.at()));

    assertThat(gate.waitFor(endpointId, 4, true)).isEmpty();
  }

  @Test
  void attemptsThatWakeTogetherStartAtMostHalfASlotEarly() {
    String endpointId = endpoint();
    // two late timers fire at once: the first starts, the second is sent back for a moment
    assertThat(gate.waitFor(endpointId, 10, true)).isEmpty();
    Optional<Slot> crowded = gate.waitFor(endpointId, 10, true);

    assertThat(crowded).isPresent();
    // one slot is 100 ms; half a slot early is allowed
    assertThat(crowded.get().remaining()).isBetween(Duration.ofMillis(1), Duration.ofMillis(50));
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
