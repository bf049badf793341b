package com.devcard.webhooks.api.limit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What one user can make the service send on request. Bound under {@code webhooks} so that each
 * environment variable is the relaxed form of its property.
 *
 * @param manualActionsPerMinute {@code WEBHOOKS_MANUAL_ACTIONS_PER_MINUTE}: how many "test",
 *     "retry" and "recover" requests each endpoint takes within any minute, counted per action
 * @param maxManualAttempts {@code WEBHOOKS_MAX_MANUAL_ATTEMPTS}: how many manual attempts (by
 *     "retry" or a user's recovery) one delivery may have in its log
 */
@ConfigurationProperties(prefix = "webhooks")
public record UserLimitsProperties(
    @DefaultValue("10") int manualActionsPerMinute, @DefaultValue("20") int maxManualAttempts) {

  public UserLimitsProperties {
    if (manualActionsPerMinute < 1 || manualActionsPerMinute > 10_000) {
      throw new IllegalArgumentException(
          "webhooks.manual-actions-per-minute must be between 1 and 10000");
    }
    if (maxManualAttempts < 1 || maxManualAttempts > 1_000) {
      throw new IllegalArgumentException("webhooks.max-manual-attempts must be between 1 and 1000");
    }
  }
}
