package com.devcard.webhooks.workflows;

import io.temporal.activity.ActivityOptions;
import java.time.Duration;

/**
 * The options of every activity that may send a request or wait for a rate-limit slot: the attempt
 * of a delivery or a probe, and a bulk recovery's item. A worker that dies mid-attempt is noticed
 * by its missing heartbeat, so the attempt goes to another worker within {@link
 * #HEARTBEAT_TIMEOUT}, not at the end of {@link #START_TO_CLOSE}.
 *
 * <p>Timeouts are not part of what replay compares (only the activity's type and order are), so a
 * change here needs no version guard: running workflows take the new options from their next
 * activity on.
 */
public final class AttemptActivityOptions {

  /**
   * The hard cap of one run of the activity: longer than any attempt can take (the delivery timeout
   * is at most 60 s, a recovery item waits at most 30 s for its slot).
   */
  static final Duration START_TO_CLOSE = Duration.ofMinutes(2);

  /** A running activity not heard from for this long is taken for lost and run again. */
  public static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(20);

  /**
   * How often the worker reports a running activity: twice per timeout, so that one late report is
   * not taken for a lost worker. An attempt that ends sooner (nearly all do) reports nothing, and
   * so costs no billable action.
   */
  public static final Duration HEARTBEAT_EVERY = HEARTBEAT_TIMEOUT.dividedBy(2);

  private AttemptActivityOptions() {}

  /** Retried for as long as the infrastructure fails, without using up a delivery's attempt. */
  static ActivityOptions.Builder withSummary(String summary) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(START_TO_CLOSE)
        .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
        .setRetryOptions(DeliveryWorkflowImpl.INFRASTRUCTURE_RETRY)
        .setSummary(summary);
  }
}
