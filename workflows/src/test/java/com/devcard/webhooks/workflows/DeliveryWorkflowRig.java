package com.devcard.webhooks.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;

/** Starts delivery workflows on the test server the way the dispatcher starts them. */
final class DeliveryWorkflowRig {

  static final List<Duration> DEFAULT_SCHEDULE = RetrySchedule.parse("30s,5m,30m");

  private DeliveryWorkflowRig() {}

  /**
   * A time-skipping test server with the delivery search attributes registered. The worker is
   * started by {@link #startWorker} once the test has written its script.
   */
  static TestWorkflowExtension extension() {
    return extensionBuilder().build();
  }

  static TestWorkflowExtension.Builder extensionBuilder() {
    TestWorkflowExtension.Builder builder = TestWorkflowExtension.newBuilder().setDoNotStart(true);
    for (SearchAttributeKey<String> key : DeliverySearchAttributes.ALL) {
      builder.registerSearchAttribute(key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    }
    return builder;
  }

  /** A worker on the delivery task queue running the real workflow over a scripted activity. */
  static ScriptedDeliveryActivities startWorker(
      TestWorkflowEnvironment testEnv, ScriptedDeliveryActivities.Answer... script) {
    return startWorkerOn(TaskQueues.DELIVERY, testEnv, script);
  }

  /** The same worker on another task queue, such as the express lane's. */
  static ScriptedDeliveryActivities startWorkerOn(
      String taskQueue,
      TestWorkflowEnvironment testEnv,
      ScriptedDeliveryActivities.Answer... script) {
    ScriptedDeliveryActivities activities =
        new ScriptedDeliveryActivities(testEnv::currentTimeMillis, script);
    Worker worker = testEnv.newWorker(taskQueue);
    worker.registerWorkflowImplementationTypes(DeliveryWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    testEnv.start();
    return activities;
  }

  static DeliveryWorkflowInput freshInput(String deliveryId) {
    return DeliveryWorkflowInput.fresh(
        deliveryId,
        "user-" + deliveryId,
        "endpoint-" + deliveryId,
        "card.viewed",
        "hooks.example.com",
        DEFAULT_SCHEDULE);
  }

  /** A manual run for a delivery whose four scheduled attempts failed. */
  static DeliveryWorkflowInput manualInput(String deliveryId) {
    return DeliveryWorkflowInput.manualAttempt(
        deliveryId,
        "user-" + deliveryId,
        "endpoint-" + deliveryId,
        "card.viewed",
        "hooks.example.com",
        DEFAULT_SCHEDULE,
        4);
  }

  static DeliveryWorkflow newWorkflow(WorkflowClient client, DeliveryWorkflowInput input) {
    return newWorkflowOn(TaskQueues.DELIVERY, client, input);
  }

  static DeliveryWorkflow newWorkflowOn(
      String taskQueue, WorkflowClient client, DeliveryWorkflowInput input) {
    return client.newWorkflowStub(
        DeliveryWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(TaskQueues.deliveryWorkflowId(input.deliveryId()))
            .setTaskQueue(taskQueue)
            .setTypedSearchAttributes(DeliverySearchAttributes.atStart(input))
            .build());
  }

  /** Starts without waiting for the result; time only skips while someone waits for it. */
  static WorkflowStub start(WorkflowClient client, DeliveryWorkflowInput input) {
    DeliveryWorkflow workflow = newWorkflow(client, input);
    WorkflowClient.start(workflow::deliver, input);
    return WorkflowStub.fromTyped(workflow);
  }

  /** Waits in real time (the fake runs on worker threads) until the fake has seen enough calls. */
  static void awaitCalls(ScriptedDeliveryActivities activities, int count) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(activities.calls()).hasSizeGreaterThanOrEqualTo(count));
  }

  static String deliveryStatusAttribute(WorkflowClient client, String deliveryId) {
    return client
        .newUntypedWorkflowStub(TaskQueues.deliveryWorkflowId(deliveryId))
        .describe()
        .getTypedSearchAttributes()
        .get(DeliverySearchAttributes.DELIVERY_STATUS);
  }

  static long count(WorkflowExecutionHistory history, EventType type) {
    return history.getEvents().stream().filter(event -> event.getEventType() == type).count();
  }
}
