package com.devcard.webhooks.api.receiver;

import com.devcard.webhooks.workflows.RetrySchedule;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The recovery probe of an endpoint disabled for failing.
 *
 * @param probeDelays the waits before each probe, each from the end of the one before, written as
 *     the retry schedule is; captured when the probe starts
 */
@ConfigurationProperties(prefix = "webhooks")
public record ProbeProperties(@DefaultValue("5m,30m,2h,6h,12h,24h,24h,24h") String probeDelays) {

  public ProbeProperties {
    if (RetrySchedule.parse(probeDelays).isEmpty()) {
      throw new IllegalArgumentException("webhooks.probe-delays must name one delay at least");
    }
  }

  public List<Duration> delays() {
    return RetrySchedule.parse(probeDelays);
  }
}
