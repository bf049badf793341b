package com.devcard.webhooks.api.health;

import com.devcard.webhooks.api.sweep.Sweeps;
import com.devcard.webhooks.store.health.EndpointHealthRepository;
import com.devcard.webhooks.store.sweep.Sweep;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Deletes endpoints' hourly delivery counters once they are older than the day {@code health}
 * shows, in bounded batches, in one api process at a time.
 */
@Component
class HealthCounterSweeper implements SchedulingConfigurer {

  /** A day, and an hour of margin for the hour being counted. */
  static final Duration KEEP = Duration.ofHours(25);

  static final int BATCH = 1_000;
  static final int MAX_BATCHES = 20;

  private static final Logger log = LoggerFactory.getLogger(HealthCounterSweeper.class);

  private final EndpointHealthRepository health;
  private final Sweeps sweeps;
  private final Duration every;

  HealthCounterSweeper(
      EndpointHealthRepository health, Sweeps sweeps, HealthProperties properties) {
    this.health = health;
    this.sweeps = sweeps;
    this.every = properties.sweepEvery();
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(new FixedDelayTask(this::sweep, every, every));
  }

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
