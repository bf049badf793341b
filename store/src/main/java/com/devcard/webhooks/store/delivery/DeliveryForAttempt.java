package com.devcard.webhooks.store.delivery;

/**
 * What an attempt needs: the delivery, its payload and the state of its endpoint.
 *
 * @param endpointRateLimit the endpoint's limit in attempts per second; {@code null} for none
 * @param endpointDisabledReason why the endpoint is inactive ({@code user}, {@code gone}, {@code
 *     failing}); {@code null} while active
 * @param operationalEndpoint the endpoint is the service's own, for operational events
 */
public record DeliveryForAttempt(
    Delivery delivery,
    String payload,
    String endpointUrl,
    boolean endpointActive,
    boolean endpointDeleted,
    Integer endpointRateLimit,
    String endpointDisabledReason,
    boolean operationalEndpoint) {

  public DeliveryForAttempt(
      Delivery delivery,
      String payload,
      String endpointUrl,
      boolean endpointActive,
      boolean endpointDeleted,
      Integer endpointRateLimit) {
    this(
        delivery,
        payload,
        endpointUrl,
        endpointActive,
        endpointDeleted,
        endpointRateLimit,
        endpointActive ? null : "user",
        false);
  }

  public DeliveryForAttempt(
      Delivery delivery,
      String payload,
      String endpointUrl,
      boolean endpointActive,
      boolean endpointDeleted) {
    this(delivery, payload, endpointUrl, endpointActive, endpointDeleted, null);
  }
}
