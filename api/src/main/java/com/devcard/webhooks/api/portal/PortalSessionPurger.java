package com.devcard.webhooks.api.portal;

import com.devcard.webhooks.store.portal.PortalSessionRepository;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes portal sessions a day after they expired: they open nothing any more, and the day lets a
 * late click on an old link be told that it expired rather than that it is unknown.
 */
@Component
class PortalSessionPurger {

  static final Duration KEEP_EXPIRED = Duration.ofDays(1);
  private static final Logger log = LoggerFactory.getLogger(PortalSessionPurger.class);

  private final PortalSessionRepository sessions;

  PortalSessionPurger(PortalSessionRepository sessions) {
    this.sessions = sessions;
  }

  @Scheduled(
      fixedDelayString = "${webhooks.portal.purge-every:1h}",
      initialDelayString = "${webhooks.portal.purge-every:1h}")
  void purge() {
    try {
      int deleted = sessions.deleteExpired(KEEP_EXPIRED);
      if (deleted > 0) {
        log.info("deleted {} portal sessions that expired over a day ago", deleted);
      }
    } catch (DataAccessException unavailable) {
      log.warn(
          "expired portal sessions not deleted this time: {}", unavailable.getClass().getName());
    }
  }
}
