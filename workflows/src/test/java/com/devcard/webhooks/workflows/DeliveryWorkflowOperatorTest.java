package com.devcard.webhooks.workflows;

import static com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Answer.BLOCK;
import static com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Answer.FAIL;
import static com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Answer.SUCCEED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.devcard.webhooks.delivery.DeliveryStatus;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What operators do to a delivery workflow: a manual attempt, a cancel. */
class DeliveryWorkflowOperatorTest {

  @RegisterExtension static final TestWorkflowExtension temporal = DeliveryWorkflowRig.extension();

  @Test
  void aManualRunMakesOneManualAttemptAtOnceAndEndsWithItsOutcome(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    ScriptedDeliveryActivities activities = DeliveryWorkflowRig.startWorker(testEnv, FAIL);
    DeliveryWorkflowInput input = DeliveryWorkflowRig.manualInput("d-manual-fails");

    DeliveryStatus status = DeliveryWorkflowRig.newWorkflow(client, input).deliver(input);

    assertThat(status).isEqualTo(DeliveryStatus.FAILED);
    assertThat(activities.calls())
        .extracting(ScriptedDeliveryActivities.Call::request)
        .containsExactly(AttemptRequest.paced("d-manual-fails", AttemptTrigger.MANUAL, null));
    assertThat(DeliveryWorkflowRig.deliveryStatusAttribute(client, "d-manual-fails"))
        .isEqualTo("failed");
    WorkflowExecutionHistory history =
        client.fetchHistory(TaskQueues.deliveryWorkflowId("d-manual-fails"));
    assertThat(DeliveryWorkflowRig.count(history, EventType.EVENT_TYPE_TIMER_STARTED)).isZero();
  }

  @Test
  void aSuccessfulManualAttemptEndsTheRunSuccessful(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    ScriptedDeliveryActivities activities = DeliveryWorkflowRig.startWorker(testEnv, SUCCEED);
    DeliveryWorkflowInput input = DeliveryWorkflowRig.manualInput("d-manual-ok");

    DeliveryStatus status = DeliveryWorkflowRig.newWorkflow(client, input).deliver(input);

    assertThat(status).isEqualTo(DeliveryStatus.SUCCESS);
    assertThat(activities.calls()).hasSize(1);
    assertThat(DeliveryWorkflowRig.deliveryStatusAttribute(client, "d-manual-ok"))
        .isEqualTo("success");
  }

  @Test
  void aCancelDuringAWaitIsRecordedAndEndsTheRunCanceled(
      TestWorkflowEnvironment testEnv, WorkflowClient client) throws InterruptedException {
    ScriptedDeliveryActivities activities = DeliveryWorkflowRig.startWorker(testEnv, FAIL);
    DeliveryWorkflowInput input = DeliveryWorkflowRig.freshInput("d-cancel-wait");
    WorkflowStub workflow = DeliveryWorkflowRig.start(client, input);
    DeliveryWorkflowRig.awaitCalls(activities, 1);
    testEnv.sleep(Duration.ofSeconds(5));

    workflow.cancel();

    assertThatThrownBy(() -> workflow.getResult(DeliveryStatus.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    assertThat(activities.cancellations())
        .containsExactly(new CancelledRun("d-cancel-wait", false));
    assertThat(activities.calls()).hasSize(1);
    assertThat(DeliveryWorkflowRig.deliveryStatusAttribute(client, "d-cancel-wait"))
        .isEqualTo("cancelled");
    assertThat(workflow.describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
  }

  @Test
  void aCancelDuringAnAttemptIsRecordedWithoutWaitingForTheReceiver(
      TestWorkflowEnvironment testEnv, WorkflowClient client) throws InterruptedException {
    ScriptedDeliveryActivities activities = DeliveryWorkflowRig.startWorker(testEnv, BLOCK);
    DeliveryWorkflowInput input = DeliveryWorkflowRig.manualInput("d-cancel-attempt");
    WorkflowStub workflow = DeliveryWorkflowRig.start(client, input);
    activities.awaitBlocked();

    workflow.cancel();

    try {
      assertThatThrownBy(() -> workflow.getResult(DeliveryStatus.class))
          .isInstanceOf(WorkflowFailedException.class)
          .hasCauseInstanceOf(CanceledFailure.class);
      assertThat(activities.cancellations())
          .containsExactly(new CancelledRun("d-cancel-attempt", true));
      assertThat(DeliveryWorkflowRig.deliveryStatusAttribute(client, "d-cancel-attempt"))
          .isEqualTo("cancelled");
    } finally {
      activities.release();
    }
  }
}
