package com.devcard.webhooks.api.secret;

import com.devcard.webhooks.api.sweep.Sweeps;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import com.devcard.webhooks.store.sweep.Sweep;
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
 * store ignores them); this removes their ciphertext from the database soon after, in one api
 * process at a time.
 */
@Component
class ExpiredSecretEraser implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(ExpiredSecretEraser.class);

  private final EndpointRepository endpoints;
  private final Sweeps sweeps;
  private final Duration every;

  ExpiredSecretEraser(EndpointRepository endpoints, Sweeps sweeps, SecretProperties properties) {
    this.endpoints = endpoints;
    this.sweeps = sweeps;
    this.every = properties.eraseExpiredEvery();
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(new FixedDelayTask(this::eraseExpired, every, every));
  }

  void eraseExpired() {
    try {
      sweeps.runAlone(Sweep.EXPIRED_SECRETS, this::eraseNow);
    } catch (DataAccessException unavailable) {
      log.warn(
          "expired previous secrets not erased this time; the next run tries again", unavailable);
    }
  }

  private void eraseNow() {
    int erased = endpoints.eraseExpiredPreviousSecrets();
    if (erased > 0) {
      log.info("erased {} previous endpoint secrets whose grace period ended", erased);
    }
  }
}
