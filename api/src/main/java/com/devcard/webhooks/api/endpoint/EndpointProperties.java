package com.devcard.webhooks.api.endpoint;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code WEBHOOKS_MAX_ENDPOINTS_PER_USER}: how many endpoints one user may register. */
@ConfigurationProperties(prefix = "webhooks")
record EndpointProperties(@DefaultValue("5") int maxEndpointsPerUser) {}
