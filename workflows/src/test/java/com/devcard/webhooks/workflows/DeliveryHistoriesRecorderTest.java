package com.devcard.webhooks.workflows;

import static com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Answer.BLOCK;
import static com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Answer.BUSY_FOR_2M;
import static com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Answer.FAIL;
import static com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Answer.GONE;
import static com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Answer.HELD;
import static com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Answer.NO_SLOT_FOR_10S;
import static com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Answer.SUCCEED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.workflows.ScriptedDeliveryActivities.KnownDelivery;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Records the histories {@link DeliveryWorkflowReplayTest} replays; skipped unless {@code
 * -Dhistories.record=true}. Record new methods only, one at a time, never over an existing file:
 * docs/changing-workflows.md has the command and the policy.
 */
@EnabledIfSystemProperty(named = "histories.record", matches = "true")
class DeliveryHistoriesRecorderTest {

  static final String FIRST_TRY_SUCCESS = "delivery-first-try-success.json";
  static final String TWO_FAILURES_THEN_SUCCESS = "delivery-two-failures-then-success.json";
  static final String RETRY_NOW_THEN_SUCCESS = "delivery-retry-now-then-success.json";
  static final String MANUAL_ATTEMPT = "delivery-manual-attempt.json";
  static final String CANCELLED_DURING_A_WAIT = "delivery-cancelled-during-a-wait.json";
  static final String RETRY_NOW_DURING_AN_ATTEMPT_DROPPED =
      "delivery-retry-now-during-an-attempt-dropped.json";
  static final String RETRY_NOW_DURING_AN_ATTEMPT = "delivery-retry-now-during-an-attempt.json";
  static final String RETRY_AFTER_HONOURED = "delivery-retry-after-honoured.json";
  static final String RECEIVER_GONE = "delivery-receiver-gone.json";
  static final String WAITED_FOR_A_SLOT = "delivery-waited-for-a-rate-limit-slot.json";
  static final String HELD_DURING_ITS_SCHEDULE = "delivery-held-during-its-schedule.json";
  static final String ATTEMPTS_WITH_HEARTBEAT_TIMEOUT =
      "delivery-attempts-with-heartbeat-timeout.json";
  static final String ON_THE_EXPRESS_QUEUE = "delivery-on-the-express-queue.json";

  private static final String SECRET = "whsec_recorder0secret0never0in0history";

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      RecordedHistories.recorder(DeliveryWorkflowRig.extensionBuilder());

  @Test
  void recordFirstTrySuccess(TestWorkflowEnvironment testEnv, WorkflowClient client)
      throws IOException {
    ScriptedDeliveryActivities activities = DeliveryWorkflowRig.startWorker(testEnv, SUCCEED);
    DeliveryWorkflowInput input = knownInput(activities, "recorded-first-try");

    DeliveryWorkflowRig.newWorkflow(client, input).deliver(input);

    write(client, input, FIRST_TRY_SUCCESS);
  }

  /** The first history whose attempts are scheduled with a heartbeat timeout. */
  @Test
  void recordAttemptsWithHeartbeatTimeout(TestWorkflowEnvironment testEnv, WorkflowClient client)
      throws IOException {
    ScriptedDeliveryActivities activities = DeliveryWorkflowRig.startWorker(testEnv, FAIL, SUCCEED);
    DeliveryWorkflowInput input = knownInput(activities, "recorded-heartbeat-timeout");

    DeliveryWorkflowRig.newWorkflow(client, input).deliver(input);

    assertThat(
            client
                .fetchHistory(TaskQueues.deliveryWorkflowId(input.deliveryId()))
                .getEvents()
                .stream()
                .filter(event -> event.hasActivityTaskScheduledEventAttributes())
                .map(
                    event -> event.getActivityTaskScheduledEventAttributes().getHeartbeatTimeout()))
        .hasSize(2)
        .allMatch(timeout -> timeout.getSeconds() == 20);
    write(client, input, ATTEMPTS_WITH_HEARTBEAT_TIMEOUT);
  }

  /** The first history of a run started on the express lane: its attempts ran on that queue. */
  @Test
  void recordOnTheExpressQueue(TestWorkflowEnvironment testEnv, WorkflowClient client)
      throws IOException {
    ScriptedDeliveryActivities activities =
        DeliveryWorkflowRig.startWorkerOn(TaskQueues.DELIVERY_EXPRESS, testEnv, FAIL, SUCCEED);
    DeliveryWorkflowInput input = knownInput(activities, "recorded-express");

    DeliveryWorkflowRig.newWorkflowOn(TaskQueues.DELIVERY_EXPRESS, client, input).deliver(input);

    assertThat(
            client
                .fetchHistory(TaskQueues.deliveryWorkflowId(input.deliveryId()))
                .getEvents()
                .stream()
                .filter(event -> event.hasActivityTaskScheduledEventAttributes())
                .map(
                    event ->
                        event.getActivityTaskScheduledEventAttributes().getTaskQueue().getName()))
        .containsExactly(TaskQueues.DELIVERY_EXPRESS, TaskQueues.DELIVERY_EXPRESS);
    write(client, input, ON_THE_EXPRESS_QUEUE);
  }

  @Test
  void recordTwoFailuresThenSuccess(TestWorkflowEnvironment testEnv, WorkflowClient client)
      throws IOException {
    ScriptedDeliveryActivities activities =
        DeliveryWorkflowRig.startWorker(testEnv, FAIL, FAIL, SUCCEED);
    DeliveryWorkflowInput input = knownInput(activities, "recorded-two-failures");

    DeliveryWorkflowRig.newWorkflow(client, input).deliver(input);

    write(client, input, TWO_FAILURES_THEN_SUCCESS);
  }

  @Test
  void recordRetryNowThenSuccess(TestWorkflowEnvironment testEnv, WorkflowClient client)
      throws IOException, InterruptedException {
    ScriptedDeliveryActivities activities = DeliveryWorkflowRig.startWorker(testEnv, FAIL, SUCCEED);
    DeliveryWorkflowInput input = knownInput(activities, "recorded-retry-now");
    WorkflowStub workflow = DeliveryWorkflowRig.start(client, input);
    DeliveryWorkflowRig.awaitCalls(activities, 1);
    testEnv.sleep(Duration.ofSeconds(5));
    workflow.signal("retryNow");
    workflow.getResult(DeliveryStatus.class);

    write(client, input, RETRY_NOW_THEN_SUCCESS);
  }

  @Test
  void recordManualAttempt(TestWorkflowEnvironment testEnv, WorkflowClient client)
      throws IOException {
    ScriptedDeliveryActivities activities = DeliveryWorkflowRig.startWorker(testEnv, SUCCEED);
    activities.know("recorded-manual", new KnownDelivery(SECRET, "{\"recorded\":true}"));
    DeliveryWorkflowInput input = DeliveryWorkflowRig.manualInput("recorded-manual");

    DeliveryWorkflowRig.newWorkflow(client, input).deliver(input);

    write(client, input, MANUAL_ATTEMPT);
  }

  @Test
  void recordCancelledDuringAWait(TestWorkflowEnvironment testEnv, WorkflowClient client)
      throws IOException, InterruptedException {
    ScriptedDeliveryActivities activities = DeliveryWorkflowRig.startWorker(testEnv, FAIL);
    DeliveryWorkflowInput input = knownInput(activities, "recorded-cancelled");
    WorkflowStub workflow = DeliveryWorkflowRig.start(client, input);
    DeliveryWorkflowRig.awaitCalls(activities, 1);
    testEnv.sleep(Duration.ofSeconds(5));
    workflow.cancel();
    assertThatThrownBy(() -> workflow.getResult(DeliveryStatus.class))
        .isInstanceOf(WorkflowFailedException.class);

    write(client, input, CANCELLED_DURING_A_WAIT);
  }

  /**
   * Recorded before {@link DeliveryWorkflowImpl#KEEP_RETRY_DURING_ATTEMPT}: the signal that came
   * during the first attempt was dropped and the full wait followed. Runs like it still exist, so
   * the current code must replay it on the old path. On the current code this recording fails its
   * own check instead of writing a history of the new path under this name.
   */
  @Test
  void recordRetryNowDuringAnAttemptDropped(TestWorkflowEnvironment testEnv, WorkflowClient client)
      throws IOException, InterruptedException {
    ScriptedDeliveryActivities activities =
        DeliveryWorkflowRig.startWorker(testEnv, BLOCK, SUCCEED);
    DeliveryWorkflowInput input = knownInput(activities, "recorded-retry-dropped");
    WorkflowStub workflow = DeliveryWorkflowRig.start(client, input);
    activities.awaitBlocked();
    workflow.signal("retryNow");
    activities.release();
    workflow.getResult(DeliveryStatus.class);

    WorkflowExecutionHistory history =
        client.fetchHistory(TaskQueues.deliveryWorkflowId(input.deliveryId()));
    assertThat(DeliveryWorkflowRig.count(history, EventType.EVENT_TYPE_MARKER_RECORDED)).isZero();
    assertThat(DeliveryWorkflowRig.count(history, EventType.EVENT_TYPE_TIMER_STARTED)).isEqualTo(1);
    write(client, input, RETRY_NOW_DURING_AN_ATTEMPT_DROPPED);
  }

  /** The first history with {@link DeliveryWorkflowImpl#KEEP_RETRY_DURING_ATTEMPT} at version 1. */
  @Test
  void recordRetryNowDuringAnAttempt(TestWorkflowEnvironment testEnv, WorkflowClient client)
      throws IOException, InterruptedException {
    ScriptedDeliveryActivities activities =
        DeliveryWorkflowRig.startWorker(testEnv, BLOCK, SUCCEED);
    DeliveryWorkflowInput input = knownInput(activities, "recorded-retry-during");
    WorkflowStub workflow = DeliveryWorkflowRig.start(client, input);
    activities.awaitBlocked();
    workflow.signal("retryNow");
    activities.release();
    workflow.getResult(DeliveryStatus.class);

    WorkflowExecutionHistory history =
        client.fetchHistory(TaskQueues.deliveryWorkflowId(input.deliveryId()));
    // the new path: a version marker, and the second attempt without a timer before it
    assertThat(DeliveryWorkflowRig.count(history, EventType.EVENT_TYPE_MARKER_RECORDED))
        .isEqualTo(1);
    assertThat(DeliveryWorkflowRig.count(history, EventType.EVENT_TYPE_TIMER_STARTED)).isZero();
    assertThat(DeliveryWorkflowRig.count(history, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED))
        .isEqualTo(2);
    write(client, input, RETRY_NOW_DURING_AN_ATTEMPT);
  }

  /** The first history with {@link DeliveryWorkflowImpl#HONOUR_RETRY_AFTER} at version 1. */
  @Test
  void recordRetryAfterHonoured(TestWorkflowEnvironment testEnv, WorkflowClient client)
      throws IOException {
    ScriptedDeliveryActivities activities =
        DeliveryWorkflowRig.startWorker(testEnv, BUSY_FOR_2M, SUCCEED);
    DeliveryWorkflowInput input = knownInput(activities, "recorded-retry-after");

    DeliveryWorkflowRig.newWorkflow(client, input).deliver(input);

    WorkflowExecutionHistory history =
        client.fetchHistory(TaskQueues.deliveryWorkflowId(input.deliveryId()));
    assertThat(DeliveryWorkflowRig.count(history, EventType.EVENT_TYPE_MARKER_RECORDED))
        .isEqualTo(1);
    write(client, input, RETRY_AFTER_HONOURED);
  }

  /** The first history with {@link DeliveryWorkflowImpl#END_WHEN_FINISHED_EARLY} at version 1. */
  @Test
  void recordReceiverGone(TestWorkflowEnvironment testEnv, WorkflowClient client)
      throws IOException {
    ScriptedDeliveryActivities activities = DeliveryWorkflowRig.startWorker(testEnv, FAIL, GONE);
    DeliveryWorkflowInput input = knownInput(activities, "recorded-gone");

    DeliveryWorkflowRig.newWorkflow(client, input).deliver(input);

    WorkflowExecutionHistory history =
        client.fetchHistory(TaskQueues.deliveryWorkflowId(input.deliveryId()));
    assertThat(DeliveryWorkflowRig.count(history, EventType.EVENT_TYPE_MARKER_RECORDED))
        .isEqualTo(1);
    assertThat(DeliveryWorkflowRig.count(history, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED))
        .isEqualTo(2);
    write(client, input, RECEIVER_GONE);
  }

  /** The first history with {@link DeliveryWorkflowImpl#WAIT_FOR_RATE_LIMIT_SLOT} at version 1. */
  @Test
  void recordWaitedForASlot(TestWorkflowEnvironment testEnv, WorkflowClient client)
      throws IOException {
    ScriptedDeliveryActivities activities =
        DeliveryWorkflowRig.startWorker(testEnv, NO_SLOT_FOR_10S, FAIL, NO_SLOT_FOR_10S, SUCCEED);
    DeliveryWorkflowInput input = knownInput(activities, "recorded-slot");

    DeliveryWorkflowRig.newWorkflow(client, input).deliver(input);

    WorkflowExecutionHistory history =
        client.fetchHistory(TaskQueues.deliveryWorkflowId(input.deliveryId()));
    assertThat(DeliveryWorkflowRig.count(history, EventType.EVENT_TYPE_MARKER_RECORDED))
        .isEqualTo(1);
    assertThat(DeliveryWorkflowRig.count(history, EventType.EVENT_TYPE_TIMER_STARTED)).isEqualTo(3);
    write(client, input, WAITED_FOR_A_SLOT);
  }

  /** A run whose delivery was held (its endpoint disabled) before its second attempt. */
  @Test
  void recordHeldDuringItsSchedule(TestWorkflowEnvironment testEnv, WorkflowClient client)
      throws IOException {
    ScriptedDeliveryActivities activities = DeliveryWorkflowRig.startWorker(testEnv, FAIL, HELD);
    DeliveryWorkflowInput input = knownInput(activities, "recorded-held");

    DeliveryStatus status = DeliveryWorkflowRig.newWorkflow(client, input).deliver(input);

    assertThat(status).isEqualTo(DeliveryStatus.HELD);
    write(client, input, HELD_DURING_ITS_SCHEDULE);
  }

  private static DeliveryWorkflowInput knownInput(
      ScriptedDeliveryActivities activities, String deliveryId) {
    activities.know(deliveryId, new KnownDelivery(SECRET, "{\"recorded\":true}"));
    return DeliveryWorkflowRig.freshInput(deliveryId);
  }

  private static void write(WorkflowClient client, DeliveryWorkflowInput input, String fileName)
      throws IOException {
    WorkflowExecutionHistory history =
        client.fetchHistory(TaskQueues.deliveryWorkflowId(input.deliveryId()));
    assertThat(history.toJson(true)).doesNotContain(SECRET);
    assertThat(history.toProtoText(true)).doesNotContain(SECRET);
    RecordedHistories.write(history, fileName);
  }
}
