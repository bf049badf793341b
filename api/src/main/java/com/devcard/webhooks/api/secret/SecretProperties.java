package com.devcard.webhooks.api.secret;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Upkeep of stored endpoint secrets.
 *
 * @param reEncryptBatchSize endpoints re-encrypted per transaction when the master key changes
 * @param eraseExpiredEvery how often previous secrets whose grace period is over are erased
 */
@ConfigurationProperties(prefix = "webhooks.secrets")
public record SecretProperties(
    @DefaultValue("500") int reEncryptBatchSize, @DefaultValue("1m") Duration eraseExpiredEvery) {}
