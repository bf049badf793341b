package com.devcard.webhooks.worker;

import com.devcard.webhooks.workflows.RecoveryWorkflowInput;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code WEBHOOKS_RECOVERY_RATE}, as the worker needs it: a successful probe releases the held
 * deliveries of the endpoint it enabled at this pace, as a bulk recovery runs.
 */
@ConfigurationProperties(prefix = "webhooks.recovery")
public record ReleaseProperties(@DefaultValue("10") int rate) {

  public ReleaseProperties {
    if (rate < 1 || rate > RecoveryWorkflowInput.MAX_RATE) {
      throw new IllegalArgumentException(
          "webhooks.recovery.rate must be between 1 and " + RecoveryWorkflowInput.MAX_RATE);
    }
  }
}
