package com.devcard.webhooks.workflows;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The side effects of a recovery probe besides its attempt, which is the delivery attempt activity
 * itself ({@link DeliveryActivities#attempt}): one sender, one signer, one guarded client.
 */
@ActivityInterface
public interface EndpointProbeActivities {

  /**
   * The delivery the next probe sends, while the endpoint is still disabled for failing.
   * Idempotent: run again, it picks the same held delivery, and makes at most one test delivery per
   * endpoint.
   */
  @ActivityMethod(name = "ProbeTarget")
  ProbeTarget target(ProbeStep step);

  /**
   * A probe succeeded: enables the endpoint, unless it is no longer disabled for failing, and
   * releases its held deliveries in creation order. Idempotent.
   *
   * @return true when this call enabled it
   */
  @ActivityMethod(name = "EnableAfterProbe")
  boolean enable(ProbeStep step);
}
