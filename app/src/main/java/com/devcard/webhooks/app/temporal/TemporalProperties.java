package com.devcard.webhooks.app.temporal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Temporal is: {@code TEMPORAL_ADDRESS} and {@code TEMPORAL_NAMESPACE}, plus how much one
 * worker process takes on at once.
 *
 * @param maxConcurrentAttempts attempts in flight per worker; they run on virtual threads, so a
 *     slow receiver holds no platform thread
 */
@ConfigurationProperties(prefix = "webhooks.temporal")
record TemporalProperties(
    @DefaultValue("127.0.0.1:7233") String address,
    @DefaultValue("default") String namespace,
    @DefaultValue("1000") int maxConcurrentAttempts) {}
