package com.devcard.webhooks.workflows;

import java.time.Duration;
import java.util.List;

/**
 * One probe's business with the store: the endpoint, and the settings captured when its probe
 * started (see {@link EndpointProbeInput}).
 */
public record ProbeStep(String endpointId, int releaseRate, List<Duration> retryDelays) {

  public ProbeStep {
    retryDelays = List.copyOf(retryDelays);
  }
}
