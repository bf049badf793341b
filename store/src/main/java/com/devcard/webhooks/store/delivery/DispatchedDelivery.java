package com.devcard.webhooks.store.delivery;

import java.time.Duration;
import java.util.List;

/** A delivery created by a dispatch: what is needed to start its workflow. */
public record DispatchedDelivery(
    String id,
    String endpointId,
    String userId,
    String eventType,
    String endpointUrl,
    List<Duration> retryDelays) {

  public DispatchedDelivery {
    retryDelays = List.copyOf(retryDelays);
  }
}
