package com.devcard.webhooks.app.temporal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where Temporal is: {@code TEMPORAL_ADDRESS} (required: the service does not guess) and {@code
 * TEMPORAL_NAMESPACE}. Bound under {@code temporal} rather than {@code webhooks.temporal} so that
 * these two variables, named as Temporal's own tools name them, are the relaxed form of their
 * properties.
 */
@ConfigurationProperties(prefix = "temporal")
record TemporalServerProperties(String address, @DefaultValue("default") String namespace) {}
