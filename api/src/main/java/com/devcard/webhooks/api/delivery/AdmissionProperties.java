package com.devcard.webhooks.api.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How dispatched deliveries are admitted into Temporal.
 *
 * @param perUser deliveries of one user admitted at once with an attempt due; the rest wait, {@code
 *     pending}, in PostgreSQL. It sets how fast a lone busy user drains: a place is held from the
 *     start of a workflow until its attempt is recorded, and refilled at the next admission round.
 *     It no longer sets a quiet user's wait, which the express lane does
 * @param expressPerUser while a user has fewer deliveries than this unfinished (admitted, waiting
 *     for a retry, or waiting for admission), its dispatch starts the next one at once, on the
 *     express task queue, which every worker polls beside the main one. A quiet user never waits
 *     behind anyone's backlog; a busy or failing user has at most this many in the lane. Two rather
 *     than one, so that a user whose next event comes before the last one's delivery has finished
 *     still goes express. Zero turns the lane off, as while workers that do not poll the express
 *     queue are being replaced
 * @param busyEvery how often to look again while deliveries wait for a place
 * @param idleEvery how often to look when nothing waited last time (a dispatch in this process
 *     wakes admission at once; this bounds the wait for one made in another api process)
 */
@ConfigurationProperties(prefix = "webhooks.admission")
record AdmissionProperties(
    @DefaultValue("32") int perUser,
    @DefaultValue("2") int expressPerUser,
    @DefaultValue("20ms") Duration busyEvery,
    @DefaultValue("100ms") Duration idleEvery) {

  AdmissionProperties {
    if (perUser < 1) {
      throw new IllegalArgumentException("webhooks.admission.per-user must be at least 1");
    }
    if (expressPerUser < 0) {
      throw new IllegalArgumentException(
          "webhooks.admission.express-per-user must not be negative");
    }
    if (busyEvery.isNegative()
        || busyEvery.isZero()
        || idleEvery.isNegative()
        || idleEvery.isZero()) {
      throw new IllegalArgumentException("webhooks.admission intervals must be positive");
    }
  }
}
