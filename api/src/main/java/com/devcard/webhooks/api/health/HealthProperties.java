package com.devcard.webhooks.api.health;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param sweepEvery how often the endpoints' hourly delivery counters older than a day are deleted
 */
@ConfigurationProperties(prefix = "webhooks.health")
record HealthProperties(@DefaultValue("10m") Duration sweepEvery) {}
