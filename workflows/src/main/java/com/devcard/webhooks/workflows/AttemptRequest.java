package com.devcard.webhooks.workflows;

import java.time.Duration;
import java.time.Instant;

/**
 * One attempt to make. Fields added after the first release read as {@code false} or {@code null}
 * in histories recorded before them.
 *
 * @param delayIfItFails the wait before the next attempt should this one fail, so the activity can
 *     record {@code nextRetryAt}; {@code null} when no scheduled attempt follows (the delivery then
 *     ends {@code failed} on failure)
 * @param waitsForSlot the caller waits for a rate-limit slot when the activity answers with one
 *     ({@link AttemptOutcome#waitsForSlot()}); a caller that cannot is never given one: its attempt
 *     waits in the worker for room in the endpoint's limit instead
 * @param reservedSlot the slot an earlier answer reserved for this attempt, now due; {@code null}
 *     when none is held yet
 * @param releasesHeld the attempt releases a held delivery of an endpoint enabled again: it is sent
 *     although held, and should it fail the delivery goes on with its schedule
 */
public record AttemptRequest(
    String deliveryId,
    AttemptTrigger trigger,
    Duration delayIfItFails,
    boolean waitsForSlot,
    Instant reservedSlot,
    boolean releasesHeld) {

  /** A request from a caller that does not wait for rate-limit slots. */
  public AttemptRequest(String deliveryId, AttemptTrigger trigger, Duration delayIfItFails) {
    this(deliveryId, trigger, delayIfItFails, false, null, false);
  }

  public AttemptRequest(
      String deliveryId,
      AttemptTrigger trigger,
      Duration delayIfItFails,
      boolean waitsForSlot,
      Instant reservedSlot) {
    this(deliveryId, trigger, delayIfItFails, waitsForSlot, reservedSlot, false);
  }

  /** A request from a workflow, which waits for a rate-limit slot on a durable timer. */
  public static AttemptRequest paced(
      String deliveryId, AttemptTrigger trigger, Duration delayIfItFails) {
    return new AttemptRequest(deliveryId, trigger, delayIfItFails, true, null, false);
  }

  /**
   * The attempt that releases a held delivery: the next of its schedule, sent although it is held.
   */
  public static AttemptRequest release(String deliveryId, Duration delayIfItFails) {
    return new AttemptRequest(
        deliveryId, AttemptTrigger.SCHEDULED, delayIfItFails, false, null, true);
  }

  /** The same attempt, holding the slot reserved for it. */
  public AttemptRequest withSlot(Instant slot) {
    return new AttemptRequest(
        deliveryId, trigger, delayIfItFails, waitsForSlot, slot, releasesHeld);
  }
}
