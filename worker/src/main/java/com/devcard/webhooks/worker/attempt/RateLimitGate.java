package com.devcard.webhooks.worker.attempt;

import com.devcard.webhooks.store.ratelimit.RateLimitSlots;
import com.devcard.webhooks.store.ratelimit.RateLimitSlots.Slot;
import java.util.Optional;

/**
 * Decides whether an attempt to a rate-limited endpoint may start now (see {@link RateLimitSlots}).
 * An attempt that may not is not made: it waits for the time given on its workflow's durable timer
 * and comes back holding its place, so it queues only once.
 */
final class RateLimitGate {

  private final RateLimitSlots slots;

  RateLimitGate(RateLimitSlots slots) {
    this.slots = slots;
  }

  /**
   * Empty when the attempt may start now; otherwise when it may try again.
   *
   * @param holdsSlot it already waited for a slot reserved for it
   */
  Optional<Slot> waitFor(String endpointId, int perSecond, boolean holdsSlot) {
    if (!holdsSlot) {
      Slot slot = slots.reserve(endpointId, perSecond);
      if (slot.at().isAfter(slot.now())) {
        return Optional.of(slot);
      }
    }
    return slots.admit(endpointId, perSecond);
  }
}
