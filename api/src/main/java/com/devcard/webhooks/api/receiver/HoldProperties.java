package com.devcard.webhooks.api.receiver;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Deliveries held while their endpoint is disabled.
 *
 * @param holdFor how long a delivery stays held before it is cancelled
 * @param holdSweepEvery how often deliveries held longer than that are cancelled
 */
@ConfigurationProperties(prefix = "webhooks")
public record HoldProperties(
    @DefaultValue("7d") Duration holdFor, @DefaultValue("1m") Duration holdSweepEvery) {

  public HoldProperties {
    if (holdFor == null || holdFor.isNegative() || holdFor.isZero()) {
      throw new IllegalArgumentException("webhooks.hold-for must be positive");
    }
    if (holdSweepEvery == null || holdSweepEvery.isNegative() || holdSweepEvery.isZero()) {
      throw new IllegalArgumentException("webhooks.hold-sweep-every must be positive");
    }
  }
}
