package com.devcard.webhooks.api.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often the delivery reconciler sweeps.
 *
 * @param unstartedEvery how often pending deliveries whose workflow was never started are started
 * @param fullSweepEvery how often every pending delivery is checked against Temporal
 */
@ConfigurationProperties(prefix = "webhooks.reconciler")
record ReconcilerProperties(
    @DefaultValue("5s") Duration unstartedEvery, @DefaultValue("5m") Duration fullSweepEvery) {}
