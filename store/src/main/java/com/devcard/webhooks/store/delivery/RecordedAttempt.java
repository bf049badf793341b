package com.devcard.webhooks.store.delivery;

import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.store.endpoint.EndpointStates;
import java.time.Duration;
import java.util.Optional;

/**
 * The number an attempt got and the delivery status recording it produced.
 *
 * @param retryAfter the wait the receiver asked for with {@code Retry-After}; {@code null} when it
 *     asked for none
 * @param disabled the endpoint this attempt disabled, when it did (only when it was recorded just
 *     now, never when an earlier record is found again)
 */
public record RecordedAttempt(
    int attempt,
    DeliveryStatus deliveryStatus,
    Integer responseCode,
    boolean success,
    Duration retryAfter,
    EndpointStates.Disabled disabled) {

  public RecordedAttempt(
      int attempt,
      DeliveryStatus deliveryStatus,
      Integer responseCode,
      boolean success,
      Duration retryAfter) {
    this(attempt, deliveryStatus, responseCode, success, retryAfter, null);
  }

  public RecordedAttempt(
      int attempt, DeliveryStatus deliveryStatus, Integer responseCode, boolean success) {
    this(attempt, deliveryStatus, responseCode, success, null, null);
  }

  public Optional<EndpointStates.Disabled> endpointDisabled() {
    return Optional.ofNullable(disabled);
  }
}
