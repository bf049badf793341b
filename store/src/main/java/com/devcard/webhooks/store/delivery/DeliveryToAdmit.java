package com.devcard.webhooks.store.delivery;

/**
 * A delivery admission may start now.
 *
 * @param unfinishedAhead its user's deliveries admitted and not yet finished when it starts (those
 *     waiting for a retry included), counted up to the bound admission asked for, and those before
 *     it in the same batch. Zero for the first delivery of a user with nothing under way
 */
public record DeliveryToAdmit(PendingDelivery pending, int unfinishedAhead) {}
