package com.devcard.webhooks.api.receiver;

import com.devcard.webhooks.workflows.RetrySchedule;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code WEBHOOKS_PROBE_DELAYS} and {@code WEBHOOKS_HOLD_FOR}.
 *
 * @param probeDelays the waits before each recovery probe of an endpoint disabled for failing, each
 *     from the end of the one before, written as the retry schedule is; captured when the probe
 *     starts
 * @param holdFor how long a delivery stays held before it is cancelled
 */
@ConfigurationProperties(prefix = "webhooks.receivers")
public record ProbeProperties(
    @DefaultValue("5m,30m,2h,6h,12h,24h,24h,24h") String probeDelays,
    @DefaultValue("7d") Duration holdFor) {

  public ProbeProperties {
    if (RetrySchedule.parse(probeDelays).isEmpty()) {
      throw new IllegalArgumentException("webhooks.receivers.probe-delays must name one delay");
    }
    if (holdFor == null || holdFor.isNegative() || holdFor.isZero()) {
      throw new IllegalArgumentException("webhooks.receivers.hold-for must be positive");
    }
  }

  public List<Duration> delays() {
    return RetrySchedule.parse(probeDelays);
  }
}
