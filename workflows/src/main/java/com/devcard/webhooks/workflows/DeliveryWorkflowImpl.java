package com.devcard.webhooks.workflows;

import com.devcard.webhooks.delivery.DeliveryStatus;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;

/**
 * Deterministic: ids and outcomes only. The activity does every I/O and records every attempt; this
 * class decides when the next one happens.
 */
public class DeliveryWorkflowImpl implements DeliveryWorkflow {

  /**
   * Infrastructure failures (database down) are retried for as long as they last; they never use up
   * one of the delivery's attempts.
   */
  static final RetryOptions INFRASTRUCTURE_RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2.0)
          .setMaximumInterval(Duration.ofMinutes(1))
          .setMaximumAttempts(0)
          .build();

  /** Recording a cancellation is one database update. */
  static final Duration RECORD_START_TO_CLOSE = Duration.ofSeconds(30);

  /**
   * Change id for keeping a "retry" that arrives during an attempt: it ends the wait after that
   * attempt, or, after the last scheduled attempt, asks for one more manual attempt. Runs that
   * started before this change keep dropping it, as they did when their history was written.
   */
  static final String KEEP_RETRY_DURING_ATTEMPT = "keep-retry-now-during-attempt";

  /**
   * Change id for honouring a receiver's {@code Retry-After}: the wait after a {@code 429} or
   * {@code 503} that asked for one is the longer of the scheduled delay and the wait asked for.
   * Asked only when an outcome carries such a wait, so other runs carry no marker.
   */
  static final String HONOUR_RETRY_AFTER = "honour-retry-after";

  /**
   * Change id for ending the schedule early when an attempt leaves the delivery finished before its
   * last attempt (the receiver answered {@code 410}: the delivery ended {@code failed}), or held
   * (its endpoint was disabled: no attempt is made while it is).
   */
  static final String END_WHEN_FINISHED_EARLY = "end-when-finished-early";

  /**
   * Change id for waiting on a durable timer when the endpoint's rate limit gave the attempt a slot
   * in the future, then making the attempt in it.
   */
  static final String WAIT_FOR_RATE_LIMIT_SLOT = "wait-for-rate-limit-slot";

  /** Its lines carry Temporal's {@code WorkflowId}, {@code delivery-<id>}. */
  private static final Logger log = Workflow.getLogger(DeliveryWorkflowImpl.class);

  /** A "retry" that no attempt has answered yet. */
  private boolean retryRequested;

  @Override
  public DeliveryStatus deliver(DeliveryWorkflowInput input) {
    DeliveryActivities activities =
        Workflow.newActivityStub(
            DeliveryActivities.class,
            AttemptActivityOptions.withSummary("POST to " + input.targetHost()).build());
    DeliveryStatus status;
    try {
      status =
          input.oneManualAttempt()
              ? oneManualAttempt(activities, input)
              : scheduledAttempts(activities, input);
    } catch (TemporalFailure failure) {
      if (!CancellationScope.current().isCancelRequested()) {
        throw failure;
      }
      throw recordCancellation(input, failure);
    }
    Workflow.upsertTypedSearchAttributes(
        DeliverySearchAttributes.DELIVERY_STATUS.valueSet(status.wireValue()));
    return status;
  }

  private DeliveryStatus scheduledAttempts(
      DeliveryActivities activities, DeliveryWorkflowInput input) {
    List<Duration> delays = input.retryDelays();
    int scheduledAttempts = delays.size() + 1;
    DeliveryStatus status = DeliveryStatus.FAILED;
    boolean lastAttemptFailed = false;
    Duration askedWait = null;
    for (int attempt = input.attemptsMade() + 1; attempt <= scheduledAttempts; attempt++) {
      boolean first = attempt == input.attemptsMade() + 1;
      Duration wait =
          first ? input.firstWait() : waitAfterFailure(delays.get(attempt - 2), askedWait);
      boolean receiverAsked = !first && !wait.equals(delays.get(attempt - 2));
      AttemptTrigger trigger = waitBeforeAttempt(wait, attempt, receiverAsked);
      // This attempt answers every "retry" asked so far; one asked while it runs is kept.
      retryRequested = false;
      Duration delayIfItFails = attempt < scheduledAttempts ? delays.get(attempt - 1) : null;
      AttemptOutcome outcome =
          attempt(activities, AttemptRequest.paced(input.deliveryId(), trigger, delayIfItFails));
      if (outcome.succeeded()) {
        status = DeliveryStatus.SUCCESS;
        break;
      }
      if (outcome.deliveryStatus() == DeliveryStatus.CANCELLED) {
        status = DeliveryStatus.CANCELLED;
        break;
      }
      if (finishedEarly(outcome, delayIfItFails) && endsWhenFinishedEarly()) {
        // The receiver answered 410, or the endpoint was disabled and the delivery held: no
        // attempt of this run follows.
        log.info(
            "delivery {} attempt {} ended it {} (response {})",
            input.deliveryId(),
            attempt,
            outcome.deliveryStatus().wireValue(),
            outcome.responseCode());
        status = outcome.deliveryStatus();
        break;
      }
      lastAttemptFailed = true;
      askedWait = outcome.retryAfter();
      log.info(
          "delivery {} attempt {} failed (response {})",
          input.deliveryId(),
          attempt,
          outcome.responseCode());
    }
    if (lastAttemptFailed && retryRequested && keepsRetryAskedDuringAttempt()) {
      // "Retry" was answered 202 while the last scheduled attempt ran: no wait is left to cut
      // short, so it gets the manual attempt a finished delivery would.
      retryRequested = false;
      log.info(
          "delivery {}: retry asked during the last attempt; one more now", input.deliveryId());
      status = oneManualAttempt(activities, input);
    }
    return status;
  }

  /**
   * The scheduled delay, or the longer wait the receiver asked for (capped by the activity). Asks
   * for the version only when the receiver asked for a longer wait.
   */
  private static Duration waitAfterFailure(Duration scheduled, Duration asked) {
    if (asked == null || asked.compareTo(scheduled) <= 0) {
      return scheduled;
    }
    return Workflow.getVersion(HONOUR_RETRY_AFTER, Workflow.DEFAULT_VERSION, 1) >= 1
        ? asked
        : scheduled;
  }

  /** "Retry" on a finished delivery: one attempt now, none scheduled after it. */
  private static DeliveryStatus oneManualAttempt(
      DeliveryActivities activities, DeliveryWorkflowInput input) {
    AttemptOutcome outcome =
        attempt(activities, AttemptRequest.paced(input.deliveryId(), AttemptTrigger.MANUAL, null));
    return outcome.succeeded() ? DeliveryStatus.SUCCESS : outcome.deliveryStatus();
  }

  /**
   * One attempt, made in a slot of the endpoint's rate limit: while the activity answers with a
   * slot in the future instead of making it, wait on a durable timer for that slot (no worker
   * thread or activity slot is held meanwhile, and no attempt is used up), then ask again holding
   * it.
   */
  static AttemptOutcome attempt(DeliveryActivities activities, AttemptRequest request) {
    AttemptOutcome outcome = activities.attempt(request);
    while (outcome.waitsForSlot()
        && Workflow.getVersion(WAIT_FOR_RATE_LIMIT_SLOT, Workflow.DEFAULT_VERSION, 1) >= 1) {
      Workflow.newTimer(
              outcome.slotWait(),
              TimerOptions.newBuilder()
                  .setSummary(
                      "wait "
                          + RetrySchedule.formatOne(outcome.slotWait())
                          + " for a slot of the endpoint's rate limit")
                  .build())
          .get();
      outcome = activities.attempt(request.withSlot(outcome.slot()));
    }
    return outcome;
  }

  /**
   * Cancelled from the Temporal UI or by the api: record it in the log, in a scope the cancellation
   * does not reach, and end the run cancelled. An attempt already sent is still recorded by its
   * activity; it does not bring the delivery back.
   */
  private static CanceledFailure recordCancellation(
      DeliveryWorkflowInput input, TemporalFailure failure) {
    DeliveryActivities activities =
        Workflow.newActivityStub(
            DeliveryActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(RECORD_START_TO_CLOSE)
                .setRetryOptions(INFRASTRUCTURE_RETRY)
                .setSummary("record the cancellation")
                .build());
    DeliveryStatus[] ended = new DeliveryStatus[1];
    Workflow.newDetachedCancellationScope(
            () ->
                ended[0] =
                    activities.markCancelled(
                        new CancelledRun(input.deliveryId(), input.oneManualAttempt())))
        .run();
    Workflow.upsertTypedSearchAttributes(
        DeliverySearchAttributes.DELIVERY_STATUS.valueSet(ended[0].wireValue()));
    log.info("delivery {} workflow cancelled; delivery now {}", input.deliveryId(), ended[0]);
    // Only a CanceledFailure ends the run as Canceled; an activity's arrives wrapped.
    return failure instanceof CanceledFailure canceled
        ? canceled
        : new CanceledFailure("delivery workflow cancelled");
  }

  @Override
  public void retryNow() {
    retryRequested = true;
  }

  /**
   * Asked only when a "retry" came during an attempt, so that runs never retried carry no version
   * marker in their history.
   */
  private static boolean keepsRetryAskedDuringAttempt() {
    return Workflow.getVersion(KEEP_RETRY_DURING_ATTEMPT, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /**
   * The attempt left the delivery held (at any attempt), or finished it without success before its
   * last scheduled attempt (a 410).
   */
  private static boolean finishedEarly(AttemptOutcome outcome, Duration delayIfItFails) {
    return outcome.deliveryStatus() == DeliveryStatus.HELD
        || (delayIfItFails != null && outcome.deliveryStatus().isFinal());
  }

  /** Asked only when an attempt finished the delivery early (see {@link #finishedEarly}). */
  private static boolean endsWhenFinishedEarly() {
    return Workflow.getVersion(END_WHEN_FINISHED_EARLY, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /**
   * A durable timer, cut short by {@link #retryNow()}, or skipped when "retry" came during the
   * attempt before it.
   *
   * @return {@code MANUAL} when "retry" cut the wait short, so the attempt log shows who asked for
   *     it; {@code SCHEDULED} otherwise
   */
  private AttemptTrigger waitBeforeAttempt(Duration wait, int attempt, boolean receiverAsked) {
    if (wait.isZero() || wait.isNegative()) {
      return AttemptTrigger.SCHEDULED;
    }
    if (retryRequested) {
      if (keepsRetryAskedDuringAttempt()) {
        return AttemptTrigger.MANUAL;
      }
      retryRequested = false;
    }
    TimerOptions options =
        TimerOptions.newBuilder()
            .setSummary(
                "wait "
                    + RetrySchedule.formatOne(wait)
                    + " before attempt "
                    + attempt
                    + (receiverAsked ? " (Retry-After)" : ""))
            .build();
    Promise<?>[] timer = new Promise<?>[1];
    CancellationScope scope =
        Workflow.newCancellationScope(() -> timer[0] = Workflow.newTimer(wait, options));
    scope.run();
    Workflow.await(() -> timer[0].isCompleted() || retryRequested);
    if (timer[0].isCompleted()) {
      return AttemptTrigger.SCHEDULED;
    }
    scope.cancel();
    return AttemptTrigger.MANUAL;
  }
}
