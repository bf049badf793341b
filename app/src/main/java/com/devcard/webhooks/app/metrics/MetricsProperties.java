package com.devcard.webhooks.app.metrics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param backlogEvery how often the backlog gauges are counted in the database: on a schedule, not
 *     on each scrape, so scrapes stay cheap whatever their rate
 */
@ConfigurationProperties(prefix = "webhooks.metrics")
record MetricsProperties(@DefaultValue("15s") Duration backlogEvery) {

  /** The first count comes soon after the start, so the gauges do not read zero for long. */
  static final Duration FIRST_COUNT_AFTER = Duration.ofSeconds(1);
}
