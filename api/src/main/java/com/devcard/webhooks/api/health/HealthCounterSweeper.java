package com.devcard.webhooks.api.health;

import com.devcard.webhooks.api.sweep.Sweeps;
import com.devcard.webhooks.store.health.EndpointHealthRepository;
import com.devcard.webhooks.store.sweep.Sweep;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes endpoints' hourly delivery counters once they are older than the day {@code health}
 * shows, in bounded batches, in one api process at a time.
 */
@Component
class HealthCounterSweeper {

  /** A day, and an hour of margin for the hour being counted. */
  static final Duration KEEP = Duration.ofHours(25);

  static final int BATCH = 1_000;
  static final int MAX_BATCHES = 20;

  private static final Logger log = LoggerFactory.getLogger(HealthCounterSweeper.class);

  private final EndpointHealthRepository health;
  private final Sweeps sweeps;

  HealthCounterSweeper(EndpointHealthRepository health, Sweeps sweeps) {
    this.health = health;
    this.sweeps = sweeps;
  }

  @Scheduled(
      fixedDelayString = "${webhooks.health.sweep-every:10m}",
      initialDelayString = "${webhooks.health.sweep-every:10m}")
  void sweep() {
    try {
      sweeps.runAlone(Sweep.OLD_HEALTH_COUNTERS, this::deleteOld);
    } catch (DataAccessException unavailable) {
      log.warn("old health counters not deleted this time; the next run tries again", unavailable);
    }
  }

  void deleteOld() {
    Instant before = Instant.now().minus(KEEP);
    int total = 0;
    for (int batch = 0; batch < MAX_BATCHES; batch++) {
      int deleted = health.deleteCountersBefore(before, BATCH);
      total += deleted;
      if (deleted < BATCH) {
        break;
      }
    }
    if (total > 0) {
      log.debug("deleted {} hourly health counters older than {}", total, KEEP);
    }
  }
}
