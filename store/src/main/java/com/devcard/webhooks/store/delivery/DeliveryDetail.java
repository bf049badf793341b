package com.devcard.webhooks.store.delivery;

import java.util.List;

/** A delivery with its event payload and its attempts, ordered by number. */
public record DeliveryDetail(Delivery delivery, String payload, List<Attempt> attemptLog) {

  public DeliveryDetail {
    attemptLog = List.copyOf(attemptLog);
  }
}
