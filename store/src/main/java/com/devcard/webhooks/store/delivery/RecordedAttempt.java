package com.devcard.webhooks.store.delivery;

import com.devcard.webhooks.delivery.DeliveryStatus;

/** The number an attempt got and the delivery status recording it produced. */
public record RecordedAttempt(
    int attempt, DeliveryStatus deliveryStatus, Integer responseCode, boolean success) {}
