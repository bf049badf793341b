package com.devcard.webhooks.api.receiver;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param probesEvery how often the probes due (endpoints just disabled for failing) are started
 */
@ConfigurationProperties(prefix = "webhooks.reconciler")
record ProbeReconcilerProperties(@DefaultValue("5s") Duration probesEvery) {}
