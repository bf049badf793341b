package com.devcard.webhooks.worker.attempt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
  void aCallerWithoutATimerWaitsHereUntilTheWindowHasRoom() {
    String endpointId = endpoint();
    Instant before = store.databaseNow();
    assertThat(gate.admit(endpointId, 1)).isEmpty();

    gate.admitWaiting(endpointId, 1);

    // One a second: the second start counted a second or more after the first, by the database's
    // clock that the window is kept on. How much later depends on the machine; this is the bound.
    assertThat(Duration.between(before, store.databaseNow()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aCallerWithoutATimerIsRefusedAtOnceWhenNoRoomComesWithinTheLongestWait() {
    String endpointId = endpoint();
    assertThat(gate.admit(endpointId, 1)).isEmpty();
    // A window that stays full: its one start is moved an hour ahead, so room comes after it.
    store
        .jdbc()
        .sql(
            "update webhook_endpoint_rate_slots"
                + " set recent_starts = array[clock_timestamp() + interval '1 hour']"
                + " where endpoint_id = :id")
        .param("id", endpointId)
        .update();

    long before = System.nanoTime();
    assertThatThrownBy(() -> gate.admitWaiting(endpointId, 1))
        .isInstanceOf(RateLimitBusyException.class)
        .hasMessageContaining(endpointId);

    // It did not wait for nothing, and took no start.
    assertThat(Duration.ofNanos(System.nanoTime() - before))
        .isLessThan(RateLimitGate.LONGEST_WAIT_IN_WORKER);
    assertThat(store.rateLimitStartsKept(endpointId)).isEqualTo(1);
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
