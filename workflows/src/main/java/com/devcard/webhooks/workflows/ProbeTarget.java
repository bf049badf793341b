package com.devcard.webhooks.workflows;

/**
 * The delivery a probe sends: the endpoint's oldest held delivery, or a {@code webhook.test} one
 * made for the probe when none is held.
 *
 * @param deliveryId {@code null} when the endpoint is no longer disabled for failing
 */
public record ProbeTarget(String deliveryId) {

  public static ProbeTarget none() {
    return new ProbeTarget(null);
  }

  public boolean present() {
    return deliveryId != null;
  }
}
