package com.devcard.webhooks.store.delivery;

/**
 * A delivery admission may start now.
 *
 * @param inFlightAhead its user's deliveries in flight when it starts: those admitted with an
 *     attempt due (the count that limits the user's places), and those before it in the same batch.
 *     Zero for the first delivery of a user with nothing in flight
 */
public record DeliveryToAdmit(PendingDelivery pending, int inFlightAhead) {}
