package com.devcard.webhooks.workflows;

import static com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Answer.FAIL;
import static com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Answer.SUCCEED;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Records the histories {@link EndpointProbeWorkflowReplayTest} replays. Skipped in a normal build;
 * record one new method at a time, never an existing file (see docs/changing-workflows.md):
 *
 * <pre>
 * ./mvnw -B -o -pl workflows test -Dhistories.record=true \
 *     -Dtest='EndpointProbeHistoriesRecorderTest#recordFailedThenEnabled'
 * </pre>
 */
@EnabledIfSystemProperty(named = "histories.record", matches = "true")
class EndpointProbeHistoriesRecorderTest {

  static final String FAILED_THEN_ENABLED = "probe-failed-then-enabled.json";
  static final String WITH_HEARTBEAT_TIMEOUT = "probe-with-heartbeat-timeout.json";

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      RecordedHistories.recorder(DeliveryWorkflowRig.extensionBuilder());

  @Test
  void recordFailedThenEnabled(TestWorkflowEnvironment testEnv, WorkflowClient client)
      throws IOException {
    recordFailedThenEnabled(testEnv, client, "recorded-endpoint", FAILED_THEN_ENABLED);
  }

  /** The first history whose probe attempts are scheduled with a heartbeat timeout. */
  @Test
  void recordWithHeartbeatTimeout(TestWorkflowEnvironment testEnv, WorkflowClient client)
      throws IOException {
    recordFailedThenEnabled(testEnv, client, "recorded-heartbeat-timeout", WITH_HEARTBEAT_TIMEOUT);
  }

  private static void recordFailedThenEnabled(
      TestWorkflowEnvironment testEnv, WorkflowClient client, String endpointId, String fileName)
      throws IOException {
    Worker worker = testEnv.newWorker(TaskQueues.DELIVERY);
    worker.registerWorkflowImplementationTypes(EndpointProbeWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new ScriptedDeliveryActivities(testEnv::currentTimeMillis, FAIL, SUCCEED),
        new ScriptedProbeActivities());
    testEnv.start();
    EndpointProbeInput input =
        new EndpointProbeInput(
            endpointId,
            "recorded-user",
            "hooks.example.com",
            RetrySchedule.parse("5m,30m,2h"),
            5,
            DeliveryWorkflowRig.DEFAULT_SCHEDULE);

    ProbeResult result =
        client
            .newWorkflowStub(
                EndpointProbeWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(TaskQueues.endpointProbeWorkflowId(input.endpointId()))
                    .setTaskQueue(TaskQueues.DELIVERY)
                    .build())
            .probe(input);

    assertThat(result).isEqualTo(ProbeResult.ENABLED);
    RecordedHistories.write(
        client.fetchHistory(TaskQueues.endpointProbeWorkflowId(input.endpointId())), fileName);
  }
}
