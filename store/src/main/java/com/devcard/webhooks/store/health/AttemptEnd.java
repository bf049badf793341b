package com.devcard.webhooks.store.health;

import com.devcard.webhooks.delivery.DeliveryStatus;
import java.time.Instant;

/**
 * An attempt just recorded, as far as its endpoint's health is concerned.
 *
 * @param endedAt when the attempt ended
 * @param success it got a 2xx
 * @param deliveryEnded the status the attempt ended the delivery with ({@code success} or {@code
 *     failed}); {@code null} when attempts are still to come, it is cancelled, or it had already
 *     ended so (another failed attempt on a failed delivery ends nothing new)
 */
public record AttemptEnd(
    String endpointId, Instant endedAt, boolean success, DeliveryStatus deliveryEnded) {

  boolean deliveryFailed() {
    return deliveryEnded == DeliveryStatus.FAILED;
  }

  boolean deliverySucceeded() {
    return deliveryEnded == DeliveryStatus.SUCCESS;
  }
}
