package com.devcard.webhooks.worker.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How the outbound client behaves. Which targets it may reach is not here: that is the one {@link
 * com.devcard.webhooks.netguard.TargetPolicy} the application also checks registrations with.
 *
 * @param timeout the deadline over the whole exchange, from connect to the last byte read
 * @param userAgent the {@code User-Agent} sent with every request
 */
public record OutboundHttpSettings(Duration timeout, String userAgent) {

  public OutboundHttpSettings {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(userAgent, "userAgent");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
  }
}
