package com.devcard.webhooks.store.delivery;

import java.util.List;

/**
 * The event's id and its deliveries (ordered by id). {@code created} is false when the idempotency
 * key had been used before and this is the first dispatch's answer.
 */
public record DispatchResult(String eventId, List<DispatchedDelivery> deliveries, boolean created) {

  public DispatchResult {
    deliveries = List.copyOf(deliveries);
  }
}
