package com.devcard.webhooks.workflows;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
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
   * Longer than any attempt can take (the delivery timeout is capped well below it), so a lost
   * worker is noticed and the attempt handed to another one.
   */
  static final Duration ATTEMPT_START_TO_CLOSE = Duration.ofMinutes(2);

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

  private static final Logger log = Workflow.getLogger(DeliveryWorkflowImpl.class);

  private boolean retryRequested;

  @Override
  public DeliveryStatus deliver(DeliveryWorkflowInput input) {
    DeliveryActivities activities =
        Workflow.newActivityStub(
            DeliveryActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(ATTEMPT_START_TO_CLOSE)
                .setRetryOptions(INFRASTRUCTURE_RETRY)
                .setSummary("POST to " + input.targetHost())
                .build());

    List<Duration> delays = input.retryDelays();
    int scheduledAttempts = delays.size() + 1;
    DeliveryStatus status = DeliveryStatus.FAILED;
    for (int attempt = input.attemptsMade() + 1; attempt <= scheduledAttempts; attempt++) {
      Duration wait =
          attempt == input.attemptsMade() + 1 ? input.firstWait() : delays.get(attempt - 2);
      AttemptTrigger trigger = waitBeforeAttempt(wait, attempt);
      Duration delayIfItFails = attempt < scheduledAttempts ? delays.get(attempt - 1) : null;
      AttemptOutcome outcome =
          activities.attempt(new AttemptRequest(input.deliveryId(), trigger, delayIfItFails));
      if (outcome.succeeded()) {
        status = DeliveryStatus.SUCCESS;
        break;
      }
      if (outcome.deliveryStatus() == DeliveryStatus.CANCELLED) {
        status = DeliveryStatus.CANCELLED;
        break;
      }
      log.info(
          "delivery {} attempt {} failed (response {})",
          input.deliveryId(),
          attempt,
          outcome.responseCode());
    }
    Workflow.upsertTypedSearchAttributes(
        DeliverySearchAttributes.DELIVERY_STATUS.valueSet(status.wireValue()));
    return status;
  }

  @Override
  public void retryNow() {
    retryRequested = true;
  }

  /**
   * A durable timer, cut short by {@link #retryNow()}.
   *
   * @return {@code MANUAL} when "retry" cut the wait short, so the attempt log shows who asked for
   *     it; {@code SCHEDULED} otherwise
   */
  private AttemptTrigger waitBeforeAttempt(Duration wait, int attempt) {
    retryRequested = false;
    if (wait.isZero() || wait.isNegative()) {
      return AttemptTrigger.SCHEDULED;
    }
    TimerOptions options =
        TimerOptions.newBuilder()
            .setSummary("wait " + RetrySchedule.formatOne(wait) + " before attempt " + attempt)
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
