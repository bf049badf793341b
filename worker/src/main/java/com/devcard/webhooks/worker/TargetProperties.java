package com.devcard.webhooks.worker;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code webhooks.allow-private-targets} and {@code webhooks.allow-http} ({@code
 * WEBHOOKS_ALLOW_PRIVATE_TARGETS}, {@code WEBHOOKS_ALLOW_HTTP}): the same switches the API applies
 * at registration, applied again on every attempt. Both off by default.
 */
@ConfigurationProperties(prefix = "webhooks")
public record TargetProperties(boolean allowPrivateTargets, boolean allowHttp) {}
