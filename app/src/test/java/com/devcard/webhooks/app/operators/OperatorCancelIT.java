package com.devcard.webhooks.app.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.app.AppClient;
import com.devcard.webhooks.testkit.Receivers;
import com.devcard.webhooks.workflows.DeliverySearchAttributes;
import com.devcard.webhooks.workflows.TaskQueues;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An operator stops a delivery: through the admin route, or by cancelling or terminating its
 * workflow run from a Temporal client, as the Temporal UI does. Each way the log says {@code
 * cancelled} and "retry" brings the delivery back for one manual attempt.
 */
@OperatorAppTest
class OperatorCancelIT {

  @RegisterExtension static final WireMockExtension receiver = Receivers.perClass();

  @Autowired WorkflowClient workflowClient;

  final DeliveryDriver driver;

  OperatorCancelIT(@Autowired AppClient app) {
    this.driver = new DeliveryDriver(app, receiver, 503);
  }

  /** A delivery whose first attempt failed, waiting 20 s for its second. */
  private String waitingDelivery() {
    String deliveryId = driver.publish();
    driver.awaitStatus(deliveryId, "pending", 1);
    return deliveryId;
  }

  @Test
  void theAdminRouteCancelsAnyUsersDeliveryAndItsWorkflowRun() {
    String deliveryId = waitingDelivery();

    Response cancelled = driver.adminCancel(deliveryId);

    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.json().get("status").asString()).isEqualTo("cancelled");
    assertThat(cancelled.json().get("nextRetryAt").isNull()).isTrue();
    awaitRun(deliveryId, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
    assertThat(statusAttribute(deliveryId)).isEqualTo("cancelled");
    assertThat(driver.detail(deliveryId).get("status").asString()).isEqualTo("cancelled");

    Response again = driver.adminCancel(deliveryId);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.problemType()).isEqualTo("https://devcard.dev/problems/conflict");

    driver.answer(204);
    assertThat(driver.retry(deliveryId).status()).isEqualTo(202);
    driver.awaitStatus(deliveryId, "success", 2);
    assertThat(driver.log(deliveryId)).containsExactly("1 scheduled 503", "2 manual 204");
  }

  @Test
  void theAdminRouteNeedsTheAdminScopeAndAKnownPendingDelivery() {
    String deliveryId = waitingDelivery();

    Response asUser =
        driver.api.post("/api/admin/deliveries/" + deliveryId + "/cancel", driver.token, "");
    Response unknown = driver.adminCancel("dlv_01JUNKNOWN000000000000000");

    assertThat(asUser.status()).isEqualTo(403);
    assertThat(unknown.status()).isEqualTo(404);
    for (Response refused : List.of(asUser, unknown)) {
      assertThat(refused.contentType()).startsWith("application/problem+json");
    }
    assertThat(driver.detail(deliveryId).get("status").asString()).isEqualTo("pending");
    assertThat(run(deliveryId).getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void aCancelFromATemporalClientEndsTheDeliveryCancelledInTheLog() {
    String deliveryId = waitingDelivery();

    workflowClient.newUntypedWorkflowStub(TaskQueues.deliveryWorkflowId(deliveryId)).cancel();

    driver.awaitStatus(deliveryId, "cancelled", 1);
    awaitRun(deliveryId, WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED);
    assertThat(statusAttribute(deliveryId)).isEqualTo("cancelled");
    // cancelled by an operator: retry is allowed
    driver.answer(204);
    assertThat(driver.retry(deliveryId).status()).isEqualTo(202);
    driver.awaitStatus(deliveryId, "success", 2);
  }

  @Test
  void aTerminateFromATemporalClientIsCaughtByTheReconcilerAndNotRestarted() {
    String deliveryId = waitingDelivery();
    WorkflowStub workflow =
        workflowClient.newUntypedWorkflowStub(TaskQueues.deliveryWorkflowId(deliveryId));
    String terminatedRun = workflow.describe().getExecution().getRunId();

    workflow.terminate("stopped by an operator");

    // No workflow code runs on terminate; the reconciler's sweep (every 2 s here) finds the run
    // terminated while the log says pending.
    driver.awaitStatus(deliveryId, "cancelled", 1);
    WorkflowExecutionDescription latest = run(deliveryId);
    assertThat(latest.getExecution().getRunId()).isEqualTo(terminatedRun);
    assertThat(latest.getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
    assertThat(driver.received()).hasSize(1);

    driver.answer(204);
    assertThat(driver.retry(deliveryId).status()).isEqualTo(202);
    driver.awaitStatus(deliveryId, "success", 2);
    assertThat(driver.log(deliveryId)).containsExactly("1 scheduled 503", "2 manual 204");
  }

  private WorkflowExecutionDescription run(String deliveryId) {
    return workflowClient
        .newUntypedWorkflowStub(TaskQueues.deliveryWorkflowId(deliveryId))
        .describe();
  }

  private void awaitRun(String deliveryId, WorkflowExecutionStatus status) {
    await().atMost(Duration.ofSeconds(10)).until(() -> run(deliveryId).getStatus() == status);
  }

  private String statusAttribute(String deliveryId) {
    return run(deliveryId).getTypedSearchAttributes().get(DeliverySearchAttributes.DELIVERY_STATUS);
  }
}
