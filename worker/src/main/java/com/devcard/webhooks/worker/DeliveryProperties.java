package com.devcard.webhooks.worker;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code webhooks.delivery.*}, e.g. {@code WEBHOOKS_DELIVERY_TIMEOUT}.
 *
 * @param timeout the deadline of one attempt, from connect to the last byte; at most 60 s, so an
 *     attempt always ends well within the activity's two-minute start-to-close timeout
 * @param keysetRolloutGrace how long an attempt whose endpoint secret no key of this worker's
 *     master keyset opens is left to Temporal's retries (which may hand it to a worker that already
 *     has a newer keyset) before it is recorded as a failed attempt; at most 1 hour
 */
@ConfigurationProperties(prefix = "webhooks.delivery")
public record DeliveryProperties(
    @DefaultValue("5s") Duration timeout, @DefaultValue("2m") Duration keysetRolloutGrace) {

  public static final Duration MAX_TIMEOUT = Duration.ofSeconds(60);

  public static final Duration DEFAULT_KEYSET_ROLLOUT_GRACE = Duration.ofMinutes(2);

  public static final Duration MAX_KEYSET_ROLLOUT_GRACE = Duration.ofHours(1);

  public DeliveryProperties {
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("webhooks.delivery.timeout must be positive");
    }
    if (timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new IllegalArgumentException("webhooks.delivery.timeout must be at most 60s");
    }
    if (keysetRolloutGrace == null
        || keysetRolloutGrace.isNegative()
        || keysetRolloutGrace.compareTo(MAX_KEYSET_ROLLOUT_GRACE) > 0) {
      throw new IllegalArgumentException(
          "webhooks.delivery.keyset-rollout-grace must be between 0s and 1h");
    }
  }
}
