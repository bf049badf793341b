package com.devcard.webhooks.workflows;

import java.time.Duration;
import java.util.List;

/**
 * What a probe runs with: ids, the target host (for the Temporal UI) and the settings captured when
 * the probe started. Never a secret or a payload.
 *
 * @param delays the wait before each probe, each from the end of the one before
 * @param releaseRate held deliveries are released at most this many per second once a probe gets
 *     through
 * @param retryDelays the schedule of the test delivery a probe makes when nothing is held, and of
 *     the operational event of the enable
 */
public record EndpointProbeInput(
    String endpointId,
    String userId,
    String targetHost,
    List<Duration> delays,
    int releaseRate,
    List<Duration> retryDelays) {

  public EndpointProbeInput {
    delays = List.copyOf(delays);
    retryDelays = retryDelays == null ? List.of() : List.copyOf(retryDelays);
    releaseRate = releaseRate < 1 ? 1 : releaseRate;
  }

  /** What each probe's activities need. */
  public ProbeStep step() {
    return new ProbeStep(endpointId, releaseRate, retryDelays);
  }
}
