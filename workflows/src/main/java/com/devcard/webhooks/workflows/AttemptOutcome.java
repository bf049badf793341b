package com.devcard.webhooks.workflows;

import com.devcard.webhooks.delivery.DeliveryStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * What one attempt came to, as recorded in the delivery log. An HTTP failure is an outcome, not an
 * exception. Fields added after the first release read as {@code null} or {@code false} in
 * histories recorded before them.
 *
 * @param attemptNumber the number the attempt got in the delivery log (0 when none was recorded)
 * @param deliveryStatus the delivery's status after this attempt was recorded
 * @param responseCode the receiver's status code, {@code null} when no response came
 * @param retryAfter the wait before the next attempt the receiver asked for with a {@code 429} or
 *     {@code 503} and {@code Retry-After}, already capped; {@code null} when it asked for none
 * @param gone the receiver answered {@code 410}: its endpoint is disabled and this delivery ended
 *     {@code failed}
 * @param slot when the endpoint's rate limit had no free slot now: the slot reserved for this
 *     attempt, which was not made (nothing sent, nothing recorded); {@code null} otherwise
 * @param slotWait with {@code slot}: how long to wait for it
 */
public record AttemptOutcome(
    int attemptNumber,
    DeliveryStatus deliveryStatus,
    Integer responseCode,
    boolean succeeded,
    Duration retryAfter,
    boolean gone,
    Instant slot,
    Duration slotWait) {

  public AttemptOutcome(
      int attemptNumber, DeliveryStatus deliveryStatus, Integer responseCode, boolean succeeded) {
    this(attemptNumber, deliveryStatus, responseCode, succeeded, null, false, null, null);
  }

  /** No request was made: the endpoint is gone or inactive, or the delivery was cancelled. */
  public static AttemptOutcome cancelled() {
    return new AttemptOutcome(0, DeliveryStatus.CANCELLED, null, false);
  }

  /**
   * No request was made yet: the endpoint's rate limit reserved {@code slot} for it, {@code wait}
   * from now. The delivery is still pending and no attempt is used up.
   */
  public static AttemptOutcome waitForSlot(Instant slot, Duration wait) {
    return new AttemptOutcome(0, DeliveryStatus.PENDING, null, false, null, false, slot, wait);
  }

  /** True when the attempt waits for a rate-limit slot and was not made. */
  public boolean waitsForSlot() {
    return slot != null;
  }
}
