package com.devcard.webhooks.store.delivery;

/**
 * What an attempt needs: the delivery, its payload and the state of its endpoint.
 *
 * @param endpointRateLimit the endpoint's limit in attempts per second; {@code null} for none
 */
public record DeliveryForAttempt(
    Delivery delivery,
    String payload,
    String endpointUrl,
    boolean endpointActive,
    boolean endpointDeleted,
    Integer endpointRateLimit) {

  public DeliveryForAttempt(
      Delivery delivery,
      String payload,
      String endpointUrl,
      boolean endpointActive,
      boolean endpointDeleted) {
    this(delivery, payload, endpointUrl, endpointActive, endpointDeleted, null);
  }
}
