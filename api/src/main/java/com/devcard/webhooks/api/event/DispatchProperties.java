package com.devcard.webhooks.api.event;

import com.devcard.webhooks.workflows.RetrySchedule;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code WEBHOOKS_RETRY_DELAYS}: the schedule each new delivery captures at dispatch. Parsed at
 * startup, so a bad value stops the start instead of failing deliveries.
 */
@ConfigurationProperties(prefix = "webhooks")
public record DispatchProperties(@DefaultValue("30s,5m,30m") String retryDelays) {

  public DispatchProperties {
    RetrySchedule.parse(retryDelays);
  }

  public List<Duration> schedule() {
    return RetrySchedule.parse(retryDelays);
  }
}
