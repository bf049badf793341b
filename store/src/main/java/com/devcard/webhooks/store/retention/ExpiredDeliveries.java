package com.devcard.webhooks.store.retention;

/**
 * What one batch of expired deliveries came to, all in one transaction.
 *
 * @param deliveries finished deliveries deleted
 * @param attempts their attempts, deleted with them
 * @param events events deleted because none of their deliveries is left
 * @param recoveryItems items of ended recoveries that named one of the deliveries
 * @param last the last delivery of the batch; {@code null} when the batch was empty
 */
public record ExpiredDeliveries(
    int deliveries, int attempts, int events, int recoveryItems, RetentionPosition last) {}
