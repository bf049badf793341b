package com.devcard.webhooks.api.secret;

import com.devcard.webhooks.store.endpoint.EndpointRepository;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Erases previous secrets whose grace period is over. They stop signing at expiry regardless (the
 * store ignores them); this removes their ciphertext from the database soon after.
 */
@Component
class ExpiredSecretEraser implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(ExpiredSecretEraser.class);

  private final EndpointRepository endpoints;
  private final Duration every;

  ExpiredSecretEraser(EndpointRepository endpoints, SecretProperties properties) {
    this.endpoints = endpoints;
    this.every = properties.eraseExpiredEvery();
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(new FixedDelayTask(this::eraseExpired, every, every));
  }

  void eraseExpired() {
    try {
      int erased = endpoints.eraseExpiredPreviousSecrets();
      if (erased > 0) {
        log.info("erased {} previous endpoint secrets whose grace period ended", erased);
      }
    } catch (DataAccessException unavailable) {
      log.warn(
          "expired previous secrets not erased this time: {}", unavailable.getClass().getName());
    }
  }
}
