package com.devcard.webhooks.store.delivery;

import java.time.Duration;
import java.util.List;

/** A pending delivery with what is needed to (re)start its workflow. */
public record PendingDelivery(Delivery delivery, String endpointUrl, List<Duration> retryDelays) {

  public PendingDelivery {
    retryDelays = List.copyOf(retryDelays);
  }
}
