package com.devcard.webhooks.store.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * An event to fan out to the user's subscribed endpoints.
 *
 * @param idempotencyKey nullable; a repeated key returns the first dispatch's answer
 * @param retryDelays the retry schedule stored with each delivery
 * @param onlyEndpointId nullable; a test event targets this one endpoint regardless of its
 *     subscriptions
 */
public record NewEvent(
    String eventId,
    String userId,
    String idempotencyKey,
    String eventType,
    String payload,
    Instant createdAt,
    List<Duration> retryDelays,
    String onlyEndpointId) {

  public NewEvent {
    retryDelays = List.copyOf(retryDelays);
  }
}
