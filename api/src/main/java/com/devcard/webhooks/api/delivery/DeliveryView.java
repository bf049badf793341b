package com.devcard.webhooks.api.delivery;

import com.devcard.webhooks.api.web.ApiTimes;
import com.devcard.webhooks.store.delivery.Delivery;

/** A delivery in a list: its state without payload and log. */
record DeliveryView(
    String id,
    String endpointId,
    String eventId,
    String eventType,
    String status,
    int attempts,
    Integer responseCode,
    String nextRetryAt,
    String createdAt,
    String updatedAt) {

  static DeliveryView of(Delivery delivery) {
    return new DeliveryView(
        delivery.id(),
        delivery.endpointId(),
        delivery.eventId(),
        delivery.eventType(),
        delivery.status().wireValue(),
        delivery.attempts(),
        delivery.responseCode(),
        ApiTimes.format(delivery.nextRetryAt()),
        ApiTimes.format(delivery.createdAt()),
        ApiTimes.format(delivery.updatedAt()));
  }
}
