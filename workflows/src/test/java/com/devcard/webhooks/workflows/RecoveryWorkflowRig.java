package com.devcard.webhooks.workflows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;

/** Starts recovery workflows on the test server the way the api starts them. */
final class RecoveryWorkflowRig {

  private RecoveryWorkflowRig() {}

  /** A time-skipping test server; the worker is started by {@link #startWorker}. */
  static TestWorkflowExtension.Builder extensionBuilder() {
    return TestWorkflowExtension.newBuilder().setDoNotStart(true);
  }

  /** A worker on the delivery task queue running the real workflow over the scripted fake. */
  static ScriptedRecoveryActivities startWorker(TestWorkflowEnvironment testEnv) {
    ScriptedRecoveryActivities activities =
        new ScriptedRecoveryActivities(
            testEnv::currentTimeMillis, testEnv.getWorkflowServiceStubs());
    Worker worker = testEnv.newWorker(TaskQueues.DELIVERY);
    worker.registerWorkflowImplementationTypes(RecoveryWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    testEnv.start();
    return activities;
  }

  static RecoveryWorkflow newWorkflow(WorkflowClient client, String recoveryId) {
    return client.newWorkflowStub(
        RecoveryWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(TaskQueues.recoveryWorkflowId(recoveryId))
            .setTaskQueue(TaskQueues.DELIVERY)
            .build());
  }

  /** Starts without waiting for the result; time only skips while someone waits for it. */
  static WorkflowStub start(WorkflowClient client, RecoveryWorkflowInput input) {
    RecoveryWorkflow workflow = newWorkflow(client, input.recoveryId());
    WorkflowClient.start(workflow::recover, input);
    return WorkflowStub.fromTyped(workflow);
  }

  /** Waits in real time (the fake runs on worker threads) until the fake has seen enough calls. */
  static void awaitCalls(ScriptedRecoveryActivities activities, int count) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(activities.calls()).hasSizeGreaterThanOrEqualTo(count));
  }
}
