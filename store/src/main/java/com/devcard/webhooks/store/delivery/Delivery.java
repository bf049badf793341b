package com.devcard.webhooks.store.delivery;

import com.devcard.webhooks.delivery.DeliveryStatus;
import java.time.Instant;

/** One event sent to one endpoint; {@code responseCode} is the last attempt's. */
public record Delivery(
    String id,
    String endpointId,
    String userId,
    String eventId,
    String eventType,
    DeliveryStatus status,
    int attempts,
    Integer responseCode,
    Instant nextRetryAt,
    Instant createdAt,
    Instant updatedAt) {}
