package com.devcard.webhooks.store.delivery;

import com.devcard.webhooks.delivery.DeliveryStatus;
import java.time.Duration;
import java.util.List;

/**
 * A delivery created by a dispatch: what is needed to start its workflow.
 *
 * @param status {@code pending}, or {@code held} when the service disabled its endpoint: a held
 *     delivery gets no workflow until it is released
 */
public record DispatchedDelivery(
    String id,
    String endpointId,
    String userId,
    String eventType,
    String endpointUrl,
    List<Duration> retryDelays,
    DeliveryStatus status) {

  public DispatchedDelivery {
    retryDelays = List.copyOf(retryDelays);
  }

  /** A pending delivery. */
  public DispatchedDelivery(
      String id,
      String endpointId,
      String userId,
      String eventType,
      String endpointUrl,
      List<Duration> retryDelays) {
    this(id, endpointId, userId, eventType, endpointUrl, retryDelays, DeliveryStatus.PENDING);
  }

  public boolean held() {
    return status == DeliveryStatus.HELD;
  }
}
