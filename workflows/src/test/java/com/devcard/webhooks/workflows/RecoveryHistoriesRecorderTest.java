package com.devcard.webhooks.workflows;

import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.delivery.RecoveryItemOutcome;
import com.devcard.webhooks.delivery.RecoveryState;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Records the histories {@link RecoveryWorkflowReplayTest} replays; skipped unless {@code
 * -Dhistories.record=true}. Record new methods only, one at a time, never over an existing file:
 * docs/changing-workflows.md has the command and the policy.
 */
@EnabledIfSystemProperty(named = "histories.record", matches = "true")
class RecoveryHistoriesRecorderTest {

  static final String PACED_TO_COMPLETION = "recovery-paced-to-completion.json";
  static final String CANCELLED_WHILE_PAUSING = "recovery-cancelled-while-pausing.json";
  static final String RELEASE_ONE_AT_A_TIME = "recovery-release-one-at-a-time.json";
  static final String ITEMS_WITH_HEARTBEAT_TIMEOUT = "recovery-items-with-heartbeat-timeout.json";

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      RecordedHistories.recorder(RecoveryWorkflowRig.extensionBuilder());

  @Test
  void recordPacedToCompletion(TestWorkflowEnvironment testEnv, WorkflowClient client)
      throws IOException {
    RecoveryWorkflowRig.startWorker(testEnv).answer(2, RecoveryItemOutcome.FAILED);

    RecoveryWorkflowRig.newWorkflow(client, "recorded-paced")
        .recover(RecoveryWorkflowInput.fresh("recorded-paced", 5, 2));

    write(client, "recorded-paced", PACED_TO_COMPLETION);
  }

  /** The first history whose items are scheduled with a heartbeat timeout. */
  @Test
  void recordItemsWithHeartbeatTimeout(TestWorkflowEnvironment testEnv, WorkflowClient client)
      throws IOException {
    RecoveryWorkflowRig.startWorker(testEnv).answer(1, RecoveryItemOutcome.FAILED);

    RecoveryWorkflowRig.newWorkflow(client, "recorded-heartbeat-timeout")
        .recover(RecoveryWorkflowInput.fresh("recorded-heartbeat-timeout", 3, 2));

    write(client, "recorded-heartbeat-timeout", ITEMS_WITH_HEARTBEAT_TIMEOUT);
  }

  @Test
  void recordCancelledWhilePausing(TestWorkflowEnvironment testEnv, WorkflowClient client)
      throws Exception {
    ScriptedRecoveryActivities activities = RecoveryWorkflowRig.startWorker(testEnv);
    WorkflowStub workflow =
        RecoveryWorkflowRig.start(client, RecoveryWorkflowInput.fresh("recorded-cancelled", 6, 2));
    RecoveryWorkflowRig.awaitCalls(activities, 2);
    // the first batch finished: the workflow is in its pause when the cancel arrives
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                client
                    .fetchHistory(TaskQueues.recoveryWorkflowId("recorded-cancelled"))
                    .getEvents()
                    .stream()
                    .anyMatch(event -> event.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED));
    workflow.cancel();
    try {
      workflow.getResult(30, TimeUnit.SECONDS, RecoveryState.class);
    } catch (WorkflowFailedException cancelled) {
      // the cancellation is what this history records
    }

    write(client, "recorded-cancelled", CANCELLED_WHILE_PAUSING);
  }

  /** The first history of a release: one item at a time, half a second apart. */
  @Test
  void recordReleaseOneAtATime(TestWorkflowEnvironment testEnv, WorkflowClient client)
      throws IOException {
    RecoveryWorkflowRig.startWorker(testEnv).answer(2, RecoveryItemOutcome.FAILED);

    RecoveryWorkflowRig.newWorkflow(client, "recorded-release")
        .recover(RecoveryWorkflowInput.freshRelease("recorded-release", 3, 2));

    write(client, "recorded-release", RELEASE_ONE_AT_A_TIME);
  }

  private static void write(WorkflowClient client, String recoveryId, String fileName)
      throws IOException {
    RecordedHistories.write(
        client.fetchHistory(TaskQueues.recoveryWorkflowId(recoveryId)), fileName);
  }
}
