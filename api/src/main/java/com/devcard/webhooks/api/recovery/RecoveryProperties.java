package com.devcard.webhooks.api.recovery;

import com.devcard.webhooks.workflows.RecoveryWorkflowInput;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code WEBHOOKS_RECOVERY_RATE}: how many deliveries a new bulk recovery retries per second, at
 * most {@value RecoveryWorkflowInput#MAX_RATE}. Each recovery keeps the rate it was created with.
 */
@ConfigurationProperties(prefix = "webhooks.recovery")
public record RecoveryProperties(@DefaultValue("10") int rate) {

  public RecoveryProperties {
    if (rate < 1 || rate > RecoveryWorkflowInput.MAX_RATE) {
      throw new IllegalArgumentException(
          "webhooks.recovery.rate must be between 1 and " + RecoveryWorkflowInput.MAX_RATE);
    }
  }
}
