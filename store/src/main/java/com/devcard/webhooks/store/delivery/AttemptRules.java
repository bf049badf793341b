package com.devcard.webhooks.store.delivery;

import java.time.Duration;
import java.util.List;

/**
 * What recording an attempt does besides logging it.
 *
 * @param receiverGone the receiver answered {@code 410}: the endpoint is disabled ({@code gone})
 *     and its pending deliveries held
 * @param releasesHeld the attempt releases a held delivery: should it fail, the delivery goes on
 *     with its schedule instead of staying held
 * @param disableAfter a delivery that ends failed this long after its endpoint's {@code
 *     failingSince} disables the endpoint ({@code failing}); zero never does
 * @param eventRetryDelays the retry schedule of an operational event a disable records
 */
public record AttemptRules(
    boolean receiverGone,
    boolean releasesHeld,
    Duration disableAfter,
    List<Duration> eventRetryDelays) {

  /** Logging only: nothing is ever disabled. */
  public static final AttemptRules LOG_ONLY =
      new AttemptRules(false, false, Duration.ZERO, List.of());

  public AttemptRules {
    eventRetryDelays = List.copyOf(eventRetryDelays);
  }
}
