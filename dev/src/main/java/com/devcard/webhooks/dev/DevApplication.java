package com.devcard.webhooks.dev;

import com.devcard.webhooks.app.WebhooksApplication;
import org.springframework.boot.SpringApplication;

/**
 * The README's run command: the production application, unchanged, started with the {@code dev}
 * profile and the dev runtime's beans added. Nothing here is in the production jar.
 */
public final class DevApplication {

  private DevApplication() {}

  public static void main(String[] args) {
    SpringApplication.from(WebhooksApplication::main)
        .with(DevConfiguration.class)
        .withAdditionalProfiles(DevRuntimeEnvironmentPostProcessor.PROFILE)
        .run(args);
  }
}
