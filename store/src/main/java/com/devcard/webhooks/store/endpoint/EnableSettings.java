package com.devcard.webhooks.store.endpoint;

import java.time.Duration;
import java.util.List;

/**
 * What enabling an endpoint the service had disabled needs from the settings.
 *
 * @param releaseRate its held deliveries are released at most this many per second ({@code
 *     WEBHOOKS_RECOVERY_RATE})
 * @param eventRetryDelays the retry schedule of the operational event it causes ({@code
 *     WEBHOOKS_RETRY_DELAYS})
 */
public record EnableSettings(int releaseRate, List<Duration> eventRetryDelays) {

  /** The settings' defaults: 10 per second, 30s, 5m, 30m. */
  public static final EnableSettings DEFAULTS =
      new EnableSettings(
          10, List.of(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(30)));

  public EnableSettings {
    eventRetryDelays = List.copyOf(eventRetryDelays);
  }
}
