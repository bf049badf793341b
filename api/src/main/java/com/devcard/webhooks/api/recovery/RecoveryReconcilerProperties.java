package com.devcard.webhooks.api.recovery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param recoveriesEvery how often running recoveries are checked against Temporal
 */
@ConfigurationProperties(prefix = "webhooks.reconciler")
record RecoveryReconcilerProperties(@DefaultValue("30s") Duration recoveriesEvery) {}
