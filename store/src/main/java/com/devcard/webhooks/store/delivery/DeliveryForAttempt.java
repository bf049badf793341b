package com.devcard.webhooks.store.delivery;

/** What an attempt needs: the delivery, its payload and the state of its endpoint. */
public record DeliveryForAttempt(
    Delivery delivery,
    String payload,
    String endpointUrl,
    boolean endpointActive,
    boolean endpointDeleted) {}
