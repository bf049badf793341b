package com.devcard.webhooks.api.limit;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.error.ProblemTypes;
import com.devcard.webhooks.store.limit.Admission;
import com.devcard.webhooks.store.limit.ManualActionRepository;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The rate limit on "test", "retry" and "recover": at most {@code manualActionsPerMinute} of each
 * per endpoint within any 60 seconds. Callers ask once they know the endpoint (and delivery) is the
 * user's, before they write or start anything else. The window lives in PostgreSQL, so the limit
 * holds across every api replica, at the cost of one upsert per request; a refusal writes nothing.
 */
@Component
public class ManualActionLimiter {

  private static final Duration WINDOW = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(ManualActionLimiter.class);

  private final ManualActionRepository actions;
  private final int perMinute;

  ManualActionLimiter(ManualActionRepository actions, UserLimitsProperties properties) {
    this.actions = actions;
    this.perMinute = properties.manualActionsPerMinute();
  }

  /**
   * Counts the action against the endpoint's limit.
   *
   * @throws ApiException 429 with {@code Retry-After} when the endpoint has had its share of this
   *     action within the last minute
   */
  public void admit(String endpointId, ManualAction action) {
    Admission admission = actions.admit(endpointId, action.stored(), perMinute, WINDOW);
    if (admission.admitted()) {
      return;
    }
    long seconds = Math.max(1, (admission.retryAfter().toMillis() + 999) / 1000);
    log.debug(
        "{} on endpoint {} refused: over {} per minute", action.stored(), endpointId, perMinute);
    throw new ApiException(
            HttpStatus.TOO_MANY_REQUESTS,
            ProblemTypes.RATE_LIMITED,
            "Too many requests",
            "At most "
                + perMinute
                + " "
                + action.plural()
                + " per minute for one endpoint; try again in "
                + seconds
                + (seconds == 1 ? " second." : " seconds."))
        .withRetryAfter(Duration.ofSeconds(seconds));
  }
}
