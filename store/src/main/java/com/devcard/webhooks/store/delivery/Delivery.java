package com.devcard.webhooks.store.delivery;

import java.time.Instant;

/**
 * One event sent to one endpoint. {@code status} is the lowercase wire value ({@code pending},
 * {@code success}, {@code failed}, {@code cancelled}); {@code responseCode} is the last attempt's.
 */
public record Delivery(
    String id,
    String endpointId,
    String userId,
    String eventId,
    String eventType,
    String status,
    int attempts,
    Integer responseCode,
    Instant nextRetryAt,
    Instant createdAt,
    Instant updatedAt) {}
