package com.devcard.webhooks.workflows;

import com.devcard.webhooks.delivery.DeliveryStatus;

/**
 * What one attempt came to, as recorded in the delivery log. An HTTP failure is an outcome, not an
 * exception.
 *
 * @param attemptNumber the number the attempt got in the delivery log (0 when none was recorded)
 * @param deliveryStatus the delivery's status after this attempt was recorded
 * @param responseCode the receiver's status code, {@code null} when no response came
 */
public record AttemptOutcome(
    int attemptNumber, DeliveryStatus deliveryStatus, Integer responseCode, boolean succeeded) {

  /** No request was made: the endpoint is gone or inactive, or the delivery was cancelled. */
  public static AttemptOutcome cancelled() {
    return new AttemptOutcome(0, DeliveryStatus.CANCELLED, null, false);
  }
}
