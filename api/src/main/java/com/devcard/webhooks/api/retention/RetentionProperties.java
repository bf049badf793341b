package com.devcard.webhooks.api.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the delivery log keeps finished deliveries.
 *
 * @param retention how long a finished delivery ({@code success}, {@code failed} or {@code
 *     cancelled}) is kept after its last change, the end of its last attempt or its cancellation;
 *     then it is deleted with its attempts, and its event once no delivery refers to it
 * @param retentionSweepEvery how often the deliveries kept longer than that are deleted
 */
@ConfigurationProperties(prefix = "webhooks")
record RetentionProperties(
    @DefaultValue("30d") Duration retention, @DefaultValue("1m") Duration retentionSweepEvery) {

  RetentionProperties {
    if (retention == null || retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException(
          "webhooks.retention (WEBHOOKS_RETENTION) must be positive, such as 30d: how long"
              + " finished deliveries are kept; was "
              + retention);
    }
    if (retentionSweepEvery == null
        || retentionSweepEvery.isNegative()
        || retentionSweepEvery.isZero()) {
      throw new IllegalArgumentException(
          "webhooks.retention-sweep-every (WEBHOOKS_RETENTION_SWEEP_EVERY) must be positive; was "
              + retentionSweepEvery);
    }
  }
}
