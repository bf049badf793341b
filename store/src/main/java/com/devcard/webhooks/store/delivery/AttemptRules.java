package com.devcard.webhooks.store.delivery;

import java.time.Duration;

/**
 * What recording an attempt does besides logging it. An operational event a disable records is
 * delivered on the schedule of the delivery whose attempt caused it.
 *
 * @param receiverGone the receiver answered {@code 410}: the endpoint is disabled ({@code gone})
 *     and its pending deliveries held
 * @param releasesHeld the attempt releases a held delivery: should it fail, the delivery goes on
 *     with its schedule instead of staying held
 * @param disableAfter a delivery that ends failed this long after its endpoint's {@code
 *     failingSince} disables the endpoint ({@code failing}); zero never does
 */
public record AttemptRules(boolean receiverGone, boolean releasesHeld, Duration disableAfter) {

  /** Logging only: nothing is ever disabled. */
  public static final AttemptRules LOG_ONLY = new AttemptRules(false, false, Duration.ZERO);
}
