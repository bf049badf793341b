package com.devcard.webhooks.workflows;

import com.devcard.webhooks.delivery.DeliveryStatus;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays histories recorded from real runs (see {@link DeliveryHistoriesRecorderTest}), so that a
 * change to {@link DeliveryWorkflowImpl} that would break workflows already running fails the
 * build. When a change needs {@code Workflow.getVersion}: docs/changing-workflows.md.
 */
class DeliveryWorkflowReplayTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        DeliveryHistoriesRecorderTest.FIRST_TRY_SUCCESS,
        DeliveryHistoriesRecorderTest.TWO_FAILURES_THEN_SUCCESS,
        DeliveryHistoriesRecorderTest.RETRY_NOW_THEN_SUCCESS,
        DeliveryHistoriesRecorderTest.MANUAL_ATTEMPT,
        DeliveryHistoriesRecorderTest.CANCELLED_DURING_A_WAIT,
        DeliveryHistoriesRecorderTest.RETRY_NOW_DURING_AN_ATTEMPT_DROPPED,
        DeliveryHistoriesRecorderTest.RETRY_NOW_DURING_AN_ATTEMPT,
        DeliveryHistoriesRecorderTest.RETRY_AFTER_HONOURED,
        DeliveryHistoriesRecorderTest.RECEIVER_GONE,
        DeliveryHistoriesRecorderTest.WAITED_FOR_A_SLOT,
        DeliveryHistoriesRecorderTest.HELD_DURING_ITS_SCHEDULE,
        DeliveryHistoriesRecorderTest.ATTEMPTS_WITH_HEARTBEAT_TIMEOUT,
        DeliveryHistoriesRecorderTest.ON_THE_EXPRESS_QUEUE
      })
  void aRecordedDeliveryReplaysOnTheCurrentWorkflow(String fileName) throws Exception {
    RecordedHistories.replay(fileName, DeliveryWorkflowImpl.class);
  }

  @Test
  void aWorkflowThatNoLongerWaitsBetweenAttemptsFailsTheReplay() {
    RecordedHistories.assertReplayFails(
        DeliveryHistoriesRecorderTest.TWO_FAILURES_THEN_SUCCESS, RetriesWithoutWaiting.class);
  }

  @Test
  void keepingARetryFromDuringAnAttemptWithoutAVersionFailsTheReplay() {
    RecordedHistories.assertReplayFails(
        DeliveryHistoriesRecorderTest.RETRY_NOW_DURING_AN_ATTEMPT_DROPPED,
        KeepsRetryWithoutAVersion.class);
  }

  /**
   * The change {@link DeliveryWorkflowImpl#KEEP_RETRY_DURING_ATTEMPT} guards, made without the
   * guard: a run that dropped the signal and waited would now skip its wait. Public because the
   * worker instantiates it by reflection.
   */
  public static class KeepsRetryWithoutAVersion implements DeliveryWorkflow {

    private boolean retryRequested;

    @Override
    public DeliveryStatus deliver(DeliveryWorkflowInput input) {
      DeliveryActivities activities =
          Workflow.newActivityStub(
              DeliveryActivities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(AttemptActivityOptions.START_TO_CLOSE)
                  .build());
      for (int attempt = 1; attempt <= input.retryDelays().size() + 1; attempt++) {
        if (attempt > 1 && !retryRequested) {
          Workflow.sleep(input.retryDelays().get(attempt - 2));
        }
        retryRequested = false;
        AttemptOutcome outcome =
            activities.attempt(
                new AttemptRequest(input.deliveryId(), AttemptTrigger.SCHEDULED, null));
        if (outcome.succeeded()) {
          return DeliveryStatus.SUCCESS;
        }
      }
      return DeliveryStatus.FAILED;
    }

    @Override
    public void retryNow() {
      retryRequested = true;
    }
  }

  /**
   * The kind of change the replay test is there to catch: the same workflow type, its waits
   * removed. Public because the worker instantiates it by reflection.
   */
  public static class RetriesWithoutWaiting implements DeliveryWorkflow {

    @Override
    public DeliveryStatus deliver(DeliveryWorkflowInput input) {
      DeliveryActivities activities =
          Workflow.newActivityStub(
              DeliveryActivities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(AttemptActivityOptions.START_TO_CLOSE)
                  .build());
      for (int attempt = 1; attempt <= input.retryDelays().size() + 1; attempt++) {
        AttemptOutcome outcome =
            activities.attempt(
                new AttemptRequest(input.deliveryId(), AttemptTrigger.SCHEDULED, null));
        if (outcome.succeeded()) {
          return DeliveryStatus.SUCCESS;
        }
      }
      return DeliveryStatus.FAILED;
    }

    @Override
    public void retryNow() {}
  }
}
