package com.devcard.webhooks.store.delivery;

/** The number an attempt got and the delivery status recording it produced. */
public record RecordedAttempt(
    int attempt, String deliveryStatus, Integer responseCode, boolean success) {}
