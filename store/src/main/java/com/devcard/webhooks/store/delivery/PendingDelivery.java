package com.devcard.webhooks.store.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A pending delivery with what is needed to (re)start its workflow.
 *
 * @param manualAttemptRequestedAt when "retry" reopened the finished delivery for one manual
 *     attempt, not yet made; {@code null} when the delivery is on its schedule
 * @param workflowStarted its workflow run (the schedule's, or the manual attempt's) was started
 */
public record PendingDelivery(
    Delivery delivery,
    String endpointUrl,
    List<Duration> retryDelays,
    Instant manualAttemptRequestedAt,
    boolean workflowStarted) {

  public PendingDelivery {
    retryDelays = List.copyOf(retryDelays);
  }

  /** "Retry" reopened it and its one manual attempt is still to be made. */
  public boolean manualAttemptOwed() {
    return manualAttemptRequestedAt != null;
  }
}
