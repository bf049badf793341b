package com.devcard.webhooks.store.endpoint;

import java.util.List;

/** The endpoint after an update, and the pending deliveries the update cancelled. */
public record EndpointUpdate(Endpoint endpoint, List<String> cancelledDeliveryIds) {

  public EndpointUpdate {
    cancelledDeliveryIds = List.copyOf(cancelledDeliveryIds);
  }
}
