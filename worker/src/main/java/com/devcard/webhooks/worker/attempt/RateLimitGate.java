package com.devcard.webhooks.worker.attempt;

import com.devcard.webhooks.store.ratelimit.RateLimitSlots;
import com.devcard.webhooks.store.ratelimit.RateLimitSlots.Slot;
import java.util.Optional;

/**
 * Decides when an attempt to a rate-limited endpoint may start (see {@link RateLimitSlots}), in two
 * steps: its turn in the endpoint's queue, then, right before the request is sent, room in the
 * limit's window. An attempt that may not start is not made: it waits for the time given on its
 * workflow's durable timer and comes back holding its place, so it queues only once.
 */
final class RateLimitGate {

  private final RateLimitSlots slots;

  RateLimitGate(RateLimitSlots slots) {
    this.slots = slots;
  }

  /**
   * Empty when the attempt's turn has come; otherwise the slot to wait for.
   *
   * @param holdsSlot it already waited for a slot reserved for it
   */
  Optional<Slot> queue(String endpointId, int perSecond, boolean holdsSlot) {
    if (holdsSlot) {
      return Optional.empty();
    }
    Slot slot = slots.reserve(endpointId, perSecond);
    return slot.at().isAfter(slot.now()) ? Optional.of(slot) : Optional.empty();
  }

  /**
   * Empty when the attempt may start now, and its start is counted; otherwise when it may try
   * again. Asked last, right before sending, so that the start the limit counts is the request's.
   */
  Optional<Slot> admit(String endpointId, int perSecond) {
    return slots.admit(endpointId, perSecond);
  }
}
