package com.devcard.webhooks.api.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How dispatched deliveries are admitted into Temporal.
 *
 * @param perUser deliveries of one user admitted at once with an attempt due; the rest wait, {@code
 *     pending}, in PostgreSQL. It sets how fast a lone busy user drains: a place is held from the
 *     start of a workflow until its attempt records the outcome, and refilled at the next admission
 *     round, so the drain is about the places over that turnover time. At 16 the benchmark's busy
 *     user drained at 0.69 of the end-to-end rate, each place turning over every 127 ms; 32 places
 *     at that turnover allow twice that, past the end-to-end rate, so the worker rather than the
 *     places sets the pace. It no longer sets a quiet user's wait: that user's deliveries go in the
 *     express lane ({@code expressPerUser}), behind nobody's places. Another busy user's deliveries
 *     past its express ones do wait behind up to this many of each busy user
 * @param expressPerUser each user's first deliveries in flight (by the same count as {@code
 *     perUser}) are started on the express task queue, which every worker polls beside the main
 *     one; the rest on the main queue. A user with fewer in flight, a quiet one, never waits behind
 *     anyone's backlog. Two rather than one, so that a user whose next event comes before the last
 *     one's delivery has finished still goes express; larger, a busy user's share of the express
 *     queue grows, and that queue becomes a second main queue. A setting rather than a constant so
 *     that it can be measured and, at zero, turned off (every delivery on the main queue): while
 *     the workers are upgraded to ones that poll the express queue, for instance
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
