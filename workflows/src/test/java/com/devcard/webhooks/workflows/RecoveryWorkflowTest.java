package com.devcard.webhooks.workflows;

import static com.devcard.webhooks.workflows.WorkflowSummaries.summaries;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.devcard.webhooks.delivery.RecoveryItemOutcome;
import com.devcard.webhooks.delivery.RecoveryState;
import com.devcard.webhooks.workflows.ScriptedRecoveryActivities.Call;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(60)
class RecoveryWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension temporal = RecoveryWorkflowRig.extensionBuilder().build();

  @Test
  void twentyFiveItemsAtTenPerSecondTakeAtLeastTwoSecondsOfWorkflowTime(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    ScriptedRecoveryActivities activities = RecoveryWorkflowRig.startWorker(testEnv);
    long startedAt = testEnv.currentTimeMillis();

    RecoveryState state =
        RecoveryWorkflowRig.newWorkflow(client, "r-paced")
            .recover(RecoveryWorkflowInput.fresh("r-paced", 25, 10));

    assertThat(state).isEqualTo(RecoveryState.COMPLETED);
    List<Call> calls = activities.calls();
    assertThat(activities.positions())
        .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 25).boxed().toList());
    long lastStart = calls.stream().mapToLong(Call::startedAtMillis).max().orElseThrow();
    assertThat(lastStart - startedAt).isGreaterThanOrEqualTo(2_000);
    assertAtMostPerSecond(calls, 10);
    assertThat(activities.finishes())
        .containsExactly(new RecoveryFinish("r-paced", RecoveryState.COMPLETED));
  }

  @Test
  void aReleaseRunsItsItemsOneAtATimeInOrderAtTheRate(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    ScriptedRecoveryActivities activities = RecoveryWorkflowRig.startWorker(testEnv);
    long startedAt = testEnv.currentTimeMillis();

    RecoveryState state =
        RecoveryWorkflowRig.newWorkflow(client, "r-release")
            .recover(RecoveryWorkflowInput.freshRelease("r-release", 12, 4));

    assertThat(state).isEqualTo(RecoveryState.COMPLETED);
    assertThat(activities.positions())
        .containsExactlyElementsOf(IntStream.rangeClosed(1, 12).boxed().toList());
    assertThat(activities.maxInFlight()).isEqualTo(1);
    List<Call> calls = activities.calls();
    for (int i = 1; i < calls.size(); i++) {
      assertThat(calls.get(i).startedAtMillis() - calls.get(i - 1).startedAtMillis())
          .isGreaterThanOrEqualTo(250);
    }
    // 12 items at 4 per second: 11 pauses of a quarter second
    long lastStart = calls.stream().mapToLong(Call::startedAtMillis).max().orElseThrow();
    assertThat(lastStart - startedAt).isGreaterThanOrEqualTo(2_750);
    assertAtMostPerSecond(calls, 4);
  }

  @Test
  void neverMoreThanTheRateAreInFlightAtOnce(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    ScriptedRecoveryActivities activities = RecoveryWorkflowRig.startWorker(testEnv);

    RecoveryWorkflowRig.newWorkflow(client, "r-in-flight")
        .recover(RecoveryWorkflowInput.fresh("r-in-flight", 40, 4));

    assertThat(activities.calls()).hasSize(40);
    // Overlap shows the batch runs in parallel; the cap shows it never exceeds the rate.
    assertThat(activities.maxInFlight()).isBetween(2, 4);
    assertAtMostPerSecond(activities.calls(), 4);
  }

  @Test
  void cancellingTheWorkflowWhileItWaitsStopsItAndEndsTheRecoveryCancelled(
      TestWorkflowEnvironment testEnv, WorkflowClient client) throws InterruptedException {
    ScriptedRecoveryActivities activities = RecoveryWorkflowRig.startWorker(testEnv);
    WorkflowStub workflow =
        RecoveryWorkflowRig.start(client, RecoveryWorkflowInput.fresh("r-cancel", 50, 10));
    RecoveryWorkflowRig.awaitCalls(activities, 10);

    workflow.cancel();

    assertThatThrownBy(() -> workflow.getResult(30, TimeUnit.SECONDS, RecoveryState.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    testEnv.sleep(Duration.ofSeconds(10));
    assertThat(activities.calls()).hasSizeLessThan(50);
    assertThat(activities.finishes())
        .containsExactly(new RecoveryFinish("r-cancel", RecoveryState.CANCELLED));
    assertThat(status(client, "r-cancel"))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
  }

  @Test
  void cancellingTheWorkflowDuringABatchAlsoEndsTheRecoveryCancelled(
      TestWorkflowEnvironment testEnv, WorkflowClient client) throws InterruptedException {
    ScriptedRecoveryActivities activities = RecoveryWorkflowRig.startWorker(testEnv);
    CountDownLatch firstItem = activities.hold(1);
    WorkflowStub workflow =
        RecoveryWorkflowRig.start(client, RecoveryWorkflowInput.fresh("r-cancel-busy", 5, 5));
    RecoveryWorkflowRig.awaitCalls(activities, 5);

    workflow.cancel();
    assertThatThrownBy(() -> workflow.getResult(30, TimeUnit.SECONDS, RecoveryState.class))
        .hasCauseInstanceOf(CanceledFailure.class);
    firstItem.countDown();

    assertThat(activities.finishes())
        .containsExactly(new RecoveryFinish("r-cancel-busy", RecoveryState.CANCELLED));
    assertThat(status(client, "r-cancel-busy"))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
  }

  @Test
  void aRecoveryCancelledThroughTheApiStopsAfterTheBatchThatNoticedIt(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    ScriptedRecoveryActivities activities =
        RecoveryWorkflowRig.startWorker(testEnv)
            .answer(3, RecoveryItemOutcome.RECOVERY_CANCELLED)
            .answer(4, RecoveryItemOutcome.RECOVERY_CANCELLED);

    RecoveryState state =
        RecoveryWorkflowRig.newWorkflow(client, "r-api-cancel")
            .recover(RecoveryWorkflowInput.fresh("r-api-cancel", 10, 2));

    assertThat(state).isEqualTo(RecoveryState.CANCELLED);
    assertThat(activities.positions()).containsExactlyInAnyOrder(1, 2, 3, 4);
    // The store already says cancelled: the API wrote it.
    assertThat(activities.finishes()).isEmpty();
  }

  @Test
  void aLongRecoveryContinuesAsNewAndStillRecoversEachItemOnce(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    ScriptedRecoveryActivities activities = RecoveryWorkflowRig.startWorker(testEnv);
    int total = 2 * RecoveryWorkflowImpl.ITEMS_PER_RUN + 50;
    WorkflowStub workflow =
        RecoveryWorkflowRig.start(client, RecoveryWorkflowInput.fresh("r-long", total, 100));
    WorkflowExecution firstRun = workflow.getExecution();

    RecoveryState state = workflow.getResult(RecoveryState.class);

    assertThat(state).isEqualTo(RecoveryState.COMPLETED);
    assertThat(activities.positions())
        .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, total).boxed().toList());
    assertThat(activities.finishes())
        .containsExactly(new RecoveryFinish("r-long", RecoveryState.COMPLETED));
    WorkflowExecutionHistory first =
        client.fetchHistory(firstRun.getWorkflowId(), firstRun.getRunId());
    assertThat(first.getLastEvent().getEventType())
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    assertThat(count(first, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED))
        .isEqualTo(RecoveryWorkflowImpl.ITEMS_PER_RUN);
    assertAtMostPerSecond(activities.calls(), 100);
  }

  @Test
  void aResumedRecoveryStartsAtItsNextPosition(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    ScriptedRecoveryActivities activities = RecoveryWorkflowRig.startWorker(testEnv);

    RecoveryWorkflowRig.newWorkflow(client, "r-resumed")
        .recover(new RecoveryWorkflowInput("r-resumed", 10, 10, 8));

    assertThat(activities.positions()).containsExactlyInAnyOrder(8, 9, 10);
  }

  @Test
  void anEmptyRecoveryCompletesAtOnce(TestWorkflowEnvironment testEnv, WorkflowClient client) {
    ScriptedRecoveryActivities activities = RecoveryWorkflowRig.startWorker(testEnv);

    RecoveryState state =
        RecoveryWorkflowRig.newWorkflow(client, "r-empty")
            .recover(RecoveryWorkflowInput.fresh("r-empty", 0, 10));

    assertThat(state).isEqualTo(RecoveryState.COMPLETED);
    assertThat(activities.calls()).isEmpty();
    assertThat(activities.finishes())
        .containsExactly(new RecoveryFinish("r-empty", RecoveryState.COMPLETED));
  }

  @Test
  void itemsAndPausesAreLabelledForTheTemporalUi(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    RecoveryWorkflowRig.startWorker(testEnv);

    RecoveryWorkflowRig.newWorkflow(client, "r-labelled")
        .recover(RecoveryWorkflowInput.fresh("r-labelled", 3, 2));

    WorkflowExecutionHistory history =
        client.fetchHistory(TaskQueues.recoveryWorkflowId("r-labelled"));
    assertThat(summaries(history, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED))
        .containsExactly("item 1 of 3", "item 2 of 3", "item 3 of 3", "recovery completed");
    assertThat(summaries(history, EventType.EVENT_TYPE_TIMER_STARTED))
        .containsExactly("pace 2/s: item 3 of 3 next");
  }

  /**
   * Any {@code rate + 1} consecutive starts, as the activity saw them on the server's clock, span
   * at least one pacing window: never more than {@code rate} started within a second.
   */
  private static void assertAtMostPerSecond(List<Call> calls, int rate) {
    long[] starts = calls.stream().mapToLong(Call::startedAtMillis).sorted().toArray();
    for (int i = 0; i + rate < starts.length; i++) {
      assertThat(starts[i + rate] - starts[i])
          .as("starts %d and %d", i + 1, i + rate + 1)
          .isGreaterThanOrEqualTo(RecoveryWorkflowImpl.PACING_WINDOW.toMillis());
    }
  }

  private static WorkflowExecutionStatus status(WorkflowClient client, String recoveryId) {
    return client
        .newUntypedWorkflowStub(TaskQueues.recoveryWorkflowId(recoveryId))
        .describe()
        .getStatus();
  }

  private static long count(WorkflowExecutionHistory history, EventType type) {
    return history.getEvents().stream().filter(event -> event.getEventType() == type).count();
  }
}
