package com.devcard.webhooks.api.secret;

import com.devcard.webhooks.api.sweep.Sweeps;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import com.devcard.webhooks.store.sweep.Sweep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Erases previous secrets whose grace period is over. They stop signing at expiry regardless (the
 * store ignores them); this removes their ciphertext from the database soon after, in one api
 * process at a time.
 */
@Component
class ExpiredSecretEraser {

  private static final Logger log = LoggerFactory.getLogger(ExpiredSecretEraser.class);

  private final EndpointRepository endpoints;
  private final Sweeps sweeps;

  ExpiredSecretEraser(EndpointRepository endpoints, Sweeps sweeps) {
    this.endpoints = endpoints;
    this.sweeps = sweeps;
  }

  @Scheduled(
      fixedDelayString = "${webhooks.secrets.erase-expired-every:1m}",
      initialDelayString = "${webhooks.secrets.erase-expired-every:1m}")
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
