package com.devcard.webhooks.app.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which webhook targets are accepted: {@code WEBHOOKS_ALLOW_HTTP} (plain {@code http} URLs besides
 * {@code https}) and {@code WEBHOOKS_ALLOW_PRIVATE_TARGETS} (loopback, private, link-local and
 * other reserved addresses). Both off outside development.
 */
@ConfigurationProperties(prefix = "webhooks")
record TargetProperties(
    @DefaultValue("false") boolean allowHttp, @DefaultValue("false") boolean allowPrivateTargets) {}
