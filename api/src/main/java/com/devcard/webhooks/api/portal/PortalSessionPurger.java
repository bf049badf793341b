package com.devcard.webhooks.api.portal;

import com.devcard.webhooks.api.sweep.Sweeps;
import com.devcard.webhooks.store.portal.PortalSessionRepository;
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
 * Deletes portal sessions a day after they expired, in bounded batches, every {@code
 * WEBHOOKS_PORTAL_PURGE_EVERY}, in one api process at a time: they open nothing any more, and the
 * day lets a late click on an old link be told that it expired rather than that it is unknown.
 */
@Component
class PortalSessionPurger implements SchedulingConfigurer {

  static final Duration KEEP_EXPIRED = Duration.ofDays(1);
  static final int BATCH = 1_000;
  static final int MAX_BATCHES = 20;

  private static final Logger log = LoggerFactory.getLogger(PortalSessionPurger.class);

  private final PortalSessionRepository sessions;
  private final Sweeps sweeps;
  private final Duration every;

  PortalSessionPurger(
      PortalSessionRepository sessions, Sweeps sweeps, PortalProperties properties) {
    this.sessions = sessions;
    this.sweeps = sweeps;
    this.every = properties.portalPurgeEvery();
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(new FixedDelayTask(this::purge, every, every));
  }

  void purge() {
    try {
      sweeps.runAlone(Sweep.EXPIRED_PORTAL_SESSIONS, this::deleteExpired);
    } catch (DataAccessException unavailable) {
      log.warn("expired portal sessions not deleted this time; the next run tries again");
    }
  }

  void deleteExpired() {
    int total = 0;
    for (int batch = 0; batch < MAX_BATCHES; batch++) {
      int deleted = sessions.deleteExpired(KEEP_EXPIRED, BATCH);
      total += deleted;
      if (deleted < BATCH) {
        break;
      }
    }
    if (total > 0) {
      log.info("deleted {} portal sessions that expired over a day ago", total);
    }
  }
}
