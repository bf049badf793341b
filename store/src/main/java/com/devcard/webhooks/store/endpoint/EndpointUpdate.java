package com.devcard.webhooks.store.endpoint;

import com.devcard.webhooks.store.recovery.Recovery;
import java.util.List;
import java.util.Optional;

/**
 * The endpoint after an update, and what the update set off.
 *
 * @param cancelledDeliveryIds the deliveries the update cancelled (pending ones when it was set
 *     inactive; held ones too when its owner set it inactive or dropped them)
 * @param release the release of its held deliveries, when its owner enabled it after the service
 *     disabled it
 * @param deliveriesToStart the operational event's delivery, when one was recorded
 * @param probeEnded it was disabled as failing and no longer is: its probe has nothing to do
 * @param enabledAfterDisable its owner enabled it after the service had disabled it
 */
public record EndpointUpdate(
    Endpoint endpoint,
    List<String> cancelledDeliveryIds,
    Optional<Recovery> release,
    List<String> deliveriesToStart,
    boolean probeEnded,
    boolean enabledAfterDisable) {

  public EndpointUpdate {
    cancelledDeliveryIds = List.copyOf(cancelledDeliveryIds);
    deliveriesToStart = List.copyOf(deliveriesToStart);
  }

  public EndpointUpdate(Endpoint endpoint, List<String> cancelledDeliveryIds) {
    this(endpoint, cancelledDeliveryIds, Optional.empty(), List.of(), false, false);
  }
}
