package com.devcard.webhooks.store.delivery;

import com.devcard.webhooks.delivery.DeliveryStatus;
import java.time.Duration;

/**
 * The number an attempt got and the delivery status recording it produced.
 *
 * @param retryAfter the wait the receiver asked for with {@code Retry-After}; {@code null} when it
 *     asked for none
 */
public record RecordedAttempt(
    int attempt,
    DeliveryStatus deliveryStatus,
    Integer responseCode,
    boolean success,
    Duration retryAfter) {

  public RecordedAttempt(
      int attempt, DeliveryStatus deliveryStatus, Integer responseCode, boolean success) {
    this(attempt, deliveryStatus, responseCode, success, null);
  }
}
