package com.devcard.webhooks.workflows;

import com.devcard.webhooks.delivery.RecoveryItemOutcome;
import com.devcard.webhooks.delivery.RecoveryState;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;

/**
 * Deterministic pacing over the store's snapshot: a batch of at most {@code ratePerSecond} items
 * runs in parallel, and once all of them have finished the next batch waits one full second. Every
 * item of a batch has started before the batch finished, so any two starts a second or less apart
 * belong to the same batch: never more than the rate is started in any second, nor in flight at
 * once, however large the recovery and however late Temporal hands out a batch. The items and the
 * counters live in the store; this class only decides when each item runs.
 */
public class RecoveryWorkflowImpl implements RecoveryWorkflow {

  /** Items per run before continuing as new, so a recovery of any size keeps a short history. */
  static final int ITEMS_PER_RUN = 200;

  static final Duration PACING_WINDOW = Duration.ofSeconds(1);

  private static final Logger log = Workflow.getLogger(RecoveryWorkflowImpl.class);

  @Override
  public RecoveryState recover(RecoveryWorkflowInput input) {
    try {
      return recoverFrom(input);
    } catch (CanceledFailure | ActivityFailure failure) {
      if (!CancellationScope.current().isCancelRequested()) {
        throw failure;
      }
      // A detached scope runs although this workflow is cancelled, so the store says so too.
      Workflow.newDetachedCancellationScope(() -> finish(input, RecoveryState.CANCELLED)).run();
      log.info("recovery {} cancelled", input.recoveryId());
      // The workflow ends cancelled only when a CanceledFailure leaves it.
      throw failure instanceof CanceledFailure canceled
          ? canceled
          : new CanceledFailure("recovery " + input.recoveryId() + " cancelled");
    }
  }

  private RecoveryState recoverFrom(RecoveryWorkflowInput input) {
    int position = input.nextPosition();
    int recoveredThisRun = 0;
    while (position <= input.total()) {
      if (recoveredThisRun >= ITEMS_PER_RUN) {
        // Never returns: the next run starts at this position with the same input otherwise.
        Workflow.continueAsNew(input.continuingAt(position));
      }
      int last = Math.min(input.total(), position + batchSize(input) - 1);
      List<Promise<RecoveryItemOutcome>> batch = new ArrayList<>();
      for (int item = position; item <= last; item++) {
        RecoveryActivities activities = itemActivities("item " + item + " of " + input.total());
        batch.add(
            Async.function(
                activities::recoverItem, new RecoveryItemRequest(input.recoveryId(), item)));
      }
      Promise.allOf(batch).get();
      recoveredThisRun += last - position + 1;
      position = last + 1;
      if (cancelledThroughTheApi(batch)) {
        log.info("recovery {} was cancelled through the API", input.recoveryId());
        return RecoveryState.CANCELLED;
      }
      if (position <= input.total()) {
        pause(input, position);
      }
    }
    RecoveryState state = finish(input, RecoveryState.COMPLETED);
    log.info("recovery {} ended {}", input.recoveryId(), state.wireValue());
    return state;
  }

  /** One item at a time for a release, so its deliveries go out in order; else the rate. */
  private static int batchSize(RecoveryWorkflowInput input) {
    return input.oneAtATime() ? 1 : input.ratePerSecond();
  }

  private static boolean cancelledThroughTheApi(List<Promise<RecoveryItemOutcome>> batch) {
    for (Promise<RecoveryItemOutcome> item : batch) {
      if (item.get() == RecoveryItemOutcome.RECOVERY_CANCELLED) {
        return true;
      }
    }
    return false;
  }

  private static void pause(RecoveryWorkflowInput input, int nextPosition) {
    TimerOptions options =
        TimerOptions.newBuilder()
            .setSummary(
                "pace "
                    + input.ratePerSecond()
                    + "/s: item "
                    + nextPosition
                    + " of "
                    + input.total()
                    + " next")
            .build();
    Duration pause =
        input.oneAtATime() ? PACING_WINDOW.dividedBy(input.ratePerSecond()) : PACING_WINDOW;
    Workflow.newTimer(pause, options).get();
  }

  private static RecoveryState finish(RecoveryWorkflowInput input, RecoveryState state) {
    return activities("recovery " + state.wireValue())
        .finish(new RecoveryFinish(input.recoveryId(), state));
  }

  private static RecoveryActivities activities(String summary) {
    return Workflow.newActivityStub(
        RecoveryActivities.class, AttemptActivityOptions.withSummary(summary).build());
  }

  /**
   * A cancel does not wait for the items in flight: a request already sent cannot be taken back,
   * and each item records its own outcome and count whatever the workflow does. Abandoning them
   * (rather than asking Temporal to cancel them) also keeps the test server, which rejects a cancel
   * of an activity that completes in the same workflow task, from wedging the workflow.
   */
  private static RecoveryActivities itemActivities(String summary) {
    return Workflow.newActivityStub(
        RecoveryActivities.class,
        AttemptActivityOptions.withSummary(summary)
            .setCancellationType(ActivityCancellationType.ABANDON)
            .build());
  }
}
