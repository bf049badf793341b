package com.devcard.webhooks.api.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How dispatched deliveries are admitted into Temporal.
 *
 * @param perUser deliveries of one user admitted at once with an attempt due; the rest wait, {@code
 *     pending}, in PostgreSQL. Enough to keep the worker busy for a lone user; small enough that a
 *     quiet user's delivery never queues behind more than this many of anyone's
 * @param busyEvery how often to look again while deliveries wait for a place
 * @param idleEvery how often to look when nothing waited last time (a dispatch in this process
 *     wakes admission at once; this bounds the wait for one made in another api process)
 */
@ConfigurationProperties(prefix = "webhooks.admission")
record AdmissionProperties(
    @DefaultValue("16") int perUser,
    @DefaultValue("20ms") Duration busyEvery,
    @DefaultValue("100ms") Duration idleEvery) {

  AdmissionProperties {
    if (perUser < 1) {
      throw new IllegalArgumentException("webhooks.admission.per-user must be at least 1");
    }
    if (busyEvery.isNegative()
        || busyEvery.isZero()
        || idleEvery.isNegative()
        || idleEvery.isZero()) {
      throw new IllegalArgumentException("webhooks.admission intervals must be positive");
    }
  }
}
