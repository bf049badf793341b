package com.devcard.webhooks.store.delivery;

import com.devcard.webhooks.delivery.DeliveryStatus;
import java.time.Duration;
import java.util.List;

/**
 * A delivery created by a dispatch: what is needed to start its workflow.
 *
 * @param status {@code pending}, or {@code held} when the service disabled its endpoint: a held
 *     delivery gets no workflow until it is released
 * @param express one of its user's first few unfinished deliveries (see {@link ExpressPlaces}): its
 *     workflow is started at once, on the express lane, without waiting for an admission round
 */
public record DispatchedDelivery(
    String id,
    String endpointId,
    String userId,
    String eventType,
    String endpointUrl,
    List<Duration> retryDelays,
    DeliveryStatus status,
    boolean express) {

  public DispatchedDelivery {
    retryDelays = List.copyOf(retryDelays);
  }

  /** A pending delivery that waits for admission. */
  public DispatchedDelivery(
      String id,
      String endpointId,
      String userId,
      String eventType,
      String endpointUrl,
      List<Duration> retryDelays) {
    this(
        id, endpointId, userId, eventType, endpointUrl, retryDelays, DeliveryStatus.PENDING, false);
  }

  public boolean held() {
    return status == DeliveryStatus.HELD;
  }
}
