package com.devcard.webhooks.worker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code webhooks.delivery.*}, e.g. {@code WEBHOOKS_DELIVERY_TIMEOUT}.
 *
 * @param timeout the deadline of one attempt, from connect to the last byte; at most 60 s, so an
 *     attempt always ends well within the activity's two-minute start-to-close timeout
 */
@ConfigurationProperties(prefix = "webhooks.delivery")
public record DeliveryProperties(@DefaultValue("5s") Duration timeout) {

  public static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);

  public DeliveryProperties {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("webhooks.delivery.timeout must be positive");
    }
    if (timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException("webhooks.delivery.timeout must be at most 60s");
    }
  }
}
