package com.devcard.webhooks.worker.attempt;

import com.devcard.webhooks.store.ratelimit.RateLimitSlots;
import com.devcard.webhooks.store.ratelimit.RateLimitSlots.Slot;
import java.time.Duration;
import java.util.Optional;

/**
 * Decides when an attempt to a rate-limited endpoint may start (see {@link RateLimitSlots}), in two
 * steps: its turn in the endpoint's queue, then, right before the request is sent, room in the
 * limit's window. An attempt that may not start is not made: it waits for the time given on its
 * workflow's durable timer and comes back holding its place, so it queues only once. Every attempt
 * to the endpoint passes the window, those whose caller cannot wait on a timer too (the release of
 * held deliveries, a bulk recovery's items): they wait here for room.
 */
final class RateLimitGate {

  /**
   * Longest an attempt waits here for room in the window. The request's own deadline, at most a
   * minute, comes after it: the attempt still ends within its activity's two minutes.
   */
  static final Duration LONGEST_WAIT_IN_WORKER = Duration.ofSeconds(30);

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

  /**
   * Waits until the window has room for the attempt, and counts its start; for a caller that cannot
   * wait on a durable timer. Asked last, right before sending, like {@link #admit}.
   *
   * @return how many times the window sent it back before it had room
   * @throws RateLimitBusyException when no room comes within {@link #LONGEST_WAIT_IN_WORKER}:
   *     nothing is sent, and the activity is tried again later
   */
  int admitWaiting(String endpointId, int perSecond) {
    long deadline = System.nanoTime() + LONGEST_WAIT_IN_WORKER.toNanos();
    int sentBack = 0;
    for (Optional<Slot> refused = admit(endpointId, perSecond);
        refused.isPresent();
        refused = admit(endpointId, perSecond)) {
      Duration wait = refused.get().remaining();
      if (System.nanoTime() + wait.toNanos() > deadline) {
        throw new RateLimitBusyException(endpointId, LONGEST_WAIT_IN_WORKER);
      }
      sentBack++;
      sleep(wait);
    }
    return sentBack;
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait);
    } catch (InterruptedException interrupted) {
      // The worker is shutting down: nothing was sent, so the attempt is simply made again later.
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the rate limit", interrupted);
    }
  }
}
