package com.devcard.webhooks.workflows;

import java.time.Duration;
import java.util.List;

/**
 * What a probe runs with: ids, the target host (for the Temporal UI) and the probe delays captured
 * when the endpoint was disabled. Never a secret or a payload.
 *
 * @param delays the wait before each probe, each from the end of the one before
 */
public record EndpointProbeInput(
    String endpointId, String userId, String targetHost, List<Duration> delays) {

  public EndpointProbeInput {
    delays = List.copyOf(delays);
  }
}
