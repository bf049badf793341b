package com.devcard.webhooks.workflows;

import com.devcard.webhooks.delivery.RecoveryState;
import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays recovery histories recorded from real runs (see {@link RecoveryHistoriesRecorderTest}),
 * so that a change to {@link RecoveryWorkflowImpl} that would break recoveries already running
 * fails the build. When a change needs {@code Workflow.getVersion}: docs/changing-workflows.md.
 */
class RecoveryWorkflowReplayTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        RecoveryHistoriesRecorderTest.PACED_TO_COMPLETION,
        RecoveryHistoriesRecorderTest.CANCELLED_WHILE_PAUSING,
        RecoveryHistoriesRecorderTest.RELEASE_ONE_AT_A_TIME,
        RecoveryHistoriesRecorderTest.ITEMS_WITH_HEARTBEAT_TIMEOUT
      })
  void aRecordedRecoveryReplaysOnTheCurrentWorkflow(String fileName) throws Exception {
    RecordedHistories.replay(fileName, RecoveryWorkflowImpl.class);
  }

  @Test
  void aRecoveryThatNoLongerPacesFailsTheReplay() {
    RecordedHistories.assertReplayFails(
        RecoveryHistoriesRecorderTest.PACED_TO_COMPLETION, OneAtATimeWithoutPause.class);
  }

  /**
   * The kind of change the replay test is there to catch: the same workflow type, its items run one
   * by one without a pause. Public because the worker instantiates it by reflection.
   */
  public static class OneAtATimeWithoutPause implements RecoveryWorkflow {

    @Override
    public RecoveryState recover(RecoveryWorkflowInput input) {
      RecoveryActivities activities =
          Workflow.newActivityStub(
              RecoveryActivities.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(2)).build());
      for (int item = input.nextPosition(); item <= input.total(); item++) {
        activities.recoverItem(new RecoveryItemRequest(input.recoveryId(), item));
      }
      return activities.finish(new RecoveryFinish(input.recoveryId(), RecoveryState.COMPLETED));
    }
  }
}
