package com.devcard.webhooks.app.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.app.AppClient;
import com.devcard.webhooks.app.Concurrently;
import com.devcard.webhooks.testkit.Receivers;
import com.devcard.webhooks.workflows.DeliverySearchAttributes;
import com.devcard.webhooks.workflows.TaskQueues;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** {@code POST /api/webhooks/{id}/deliveries/{deliveryId}/retry} on the running app. */
@OperatorAppTest
class RetryIT {

  @RegisterExtension static final WireMockExtension receiver = Receivers.perClass();

  @Autowired WorkflowClient workflowClient;

  final DeliveryDriver driver;

  RetryIT(@Autowired AppClient app) {
    this.driver = new DeliveryDriver(app, receiver, 503);
  }

  @Test
  void aWaitingDeliveryMakesItsNextAttemptNowAndAFinishedOneGetsOneMoreAppended() {
    String deliveryId = driver.publish();
    driver.awaitStatus(deliveryId, "pending", 1);

    Response retried = driver.retry(deliveryId);

    // The schedule's wait is 20 s: the second attempt comes at once, marked manual, and as the
    // last of the schedule it ends the delivery failed.
    assertThat(retried.status()).isEqualTo(202);
    assertThat(retried.json().get("id").asString()).isEqualTo(deliveryId);
    assertThat(retried.json().has("attemptLog")).isFalse();
    driver.awaitStatus(deliveryId, "failed", 2);
    assertThat(driver.log(deliveryId)).containsExactly("1 scheduled 503", "2 manual 503");

    driver.answer(204);
    Response again = driver.retry(deliveryId);

    assertThat(again.status()).isEqualTo(202);
    // The answer is the delivery as it is once its attempt is under way: reopened, or already
    // done when the receiver answered first.
    assertThat(again.json().get("status").asString()).isIn("pending", "success");
    driver.awaitStatus(deliveryId, "success", 3);
    assertThat(driver.log(deliveryId))
        .containsExactly("1 scheduled 503", "2 manual 503", "3 manual 204");
    JsonNode detail = driver.detail(deliveryId);
    assertThat(detail.get("responseCode").asInt()).isEqualTo(204);
    assertThat(detail.get("nextRetryAt").isNull()).isTrue();
    assertThat(driver.received())
        .hasSize(3)
        .extracting(request -> request.getHeader("webhook-id"))
        .containsOnly(deliveryId);
    // The manual attempt's run is a new run of the same workflow id, labelled and searchable.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                "success"
                    .equals(
                        describe(deliveryId)
                            .getTypedSearchAttributes()
                            .get(DeliverySearchAttributes.DELIVERY_STATUS)));
    WorkflowExecutionDescription latest = describe(deliveryId);
    assertThat(latest.getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    assertThat(latest.getStaticSummary()).endsWith("(manual attempt)");
  }

  @Test
  void concurrentRetriesOfAFinishedDeliveryMakeOneAttempt() throws Exception {
    driver.answer(204);
    String deliveryId = driver.publish();
    driver.awaitStatus(deliveryId, "success", 1);
    // The manual attempt lasts a second at the receiver, so every retry reads the delivery as the
    // first one did: one that came after the attempt had ended would rightly ask for another.
    driver.answer(204, Duration.ofSeconds(1));

    List<Response> answers = Concurrently.call(8, () -> driver.retry(deliveryId));

    assertThat(answers).extracting(Response::status).containsOnly(202);
    driver.awaitStatus(deliveryId, "success", 2);
    // Long enough for a second manual attempt to have shown up, were there one.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> {
              assertThat(driver.log(deliveryId)).containsExactly("1 scheduled 204", "2 manual 204");
              assertThat(driver.received()).hasSize(2);
            });
  }

  /**
   * Retries that find the delivery waiting make one attempt between them. Those of them that reach
   * the workflow only while that attempt runs are kept, not dropped (they were answered 202): they
   * make at most one more attempt after it.
   */
  @Test
  void concurrentRetriesOfAWaitingDeliveryMakeOneAttemptAndAtMostOneMoreAfterIt() throws Exception {
    String deliveryId = driver.publish();
    driver.awaitStatus(deliveryId, "pending", 1);

    List<Response> answers = Concurrently.call(6, () -> driver.retry(deliveryId));

    assertThat(answers).extracting(Response::status).containsOnly(202);
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> driver.detail(deliveryId).get("status").asString().equals("failed"));
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(driver.log(deliveryId))
                    .isIn(
                        List.of("1 scheduled 503", "2 manual 503"),
                        List.of("1 scheduled 503", "2 manual 503", "3 manual 503")));
  }

  @Test
  void aRetryWhileTheDeliverysLastRunIsStillOpenAnswersAtOnceAndAttemptsWhenThatRunCloses() {
    driver.answer(204);
    String deliveryId = driver.publish();
    driver.awaitStatus(deliveryId, "success", 1);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                describe(deliveryId).getStatus()
                    == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    // Holds the workflow id as a run still closing would: no worker polls its task queue.
    WorkflowStub closing =
        workflowClient.newUntypedWorkflowStub(
            "DeliveryWorkflow",
            WorkflowOptions.newBuilder()
                .setWorkflowId(TaskQueues.deliveryWorkflowId(deliveryId))
                .setTaskQueue("no-worker-polls-this")
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
    closing.start();

    Response retried = driver.retry(deliveryId);

    assertThat(retried.status()).isEqualTo(202);
    assertThat(retried.json().get("status").asString()).isEqualTo("pending");
    assertThat(driver.received()).hasSize(1);
    closing.terminate("closed");
    driver.awaitStatus(deliveryId, "success", 2);
    assertThat(driver.log(deliveryId)).containsExactly("1 scheduled 204", "2 manual 204");
  }

  @Test
  void aDeliveryCancelledWithItsEndpointCannotBeRetried() {
    String deliveryId = driver.publish();
    driver.awaitStatus(deliveryId, "pending", 1);
    String endpoint = "/api/webhooks/" + driver.endpointId;
    driver.api.patch(endpoint, driver.token, "{\"isActive\": false}");
    driver.awaitStatus(deliveryId, "cancelled", 1);

    Response whileInactive = driver.retry(deliveryId);
    driver.api.patch(endpoint, driver.token, "{\"isActive\": true}");
    Response whenActiveAgain = driver.retry(deliveryId);

    for (Response refused : List.of(whileInactive, whenActiveAgain)) {
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.problemType()).isEqualTo("https://devcard.dev/problems/conflict");
    }
    assertThat(whileInactive.json().get("detail").asString()).contains("inactive");
    assertThat(whenActiveAgain.json().get("detail").asString()).contains("cancelled");
    JsonNode detail = driver.detail(deliveryId);
    assertThat(detail.get("status").asString()).isEqualTo("cancelled");
    assertThat(detail.get("attempts").asInt()).isEqualTo(1);
  }

  @Test
  void unknownOthersAndDeletedAre404AndNothingChanges() {
    driver.answer(204);
    String deliveryId = driver.publish();
    driver.awaitStatus(deliveryId, "success", 1);
    String intruder = driver.api.newUser("intruder").token();

    Response theirs = driver.api.post(driver.deliveryPath(deliveryId) + "/retry", intruder, "");
    Response unknown = driver.retry("dlv_01JUNKNOWN000000000000000");
    Response noToken = driver.api.post(driver.deliveryPath(deliveryId) + "/retry", null, "");
    Response wrongMethod =
        driver.api.raw(
            "PUT", driver.deliveryPath(deliveryId) + "/retry", driver.token, null, new byte[0]);

    assertThat(theirs.status()).isEqualTo(404);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(noToken.status()).isEqualTo(401);
    assertThat(wrongMethod.status()).isEqualTo(405);
    for (Response refused : List.of(theirs, unknown, noToken, wrongMethod)) {
      assertThat(refused.contentType()).startsWith("application/problem+json");
    }
    assertThat(driver.detail(deliveryId).get("attempts").asInt()).isEqualTo(1);

    driver.api.delete("/api/webhooks/" + driver.endpointId, driver.token);
    Response deleted = driver.retry(deliveryId);

    assertThat(deleted.status()).isEqualTo(404);
    assertThat(deleted.problemType()).isEqualTo("https://devcard.dev/problems/not-found");
    List<LoggedRequest> requests = driver.received();
    assertThat(requests).hasSize(1);
  }

  private WorkflowExecutionDescription describe(String deliveryId) {
    return workflowClient
        .newUntypedWorkflowStub(TaskQueues.deliveryWorkflowId(deliveryId))
        .describe();
  }
}
