package com.devcard.webhooks.workflows;

import static com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Answer.FAIL;
import static com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Answer.SUCCEED;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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

  @RegisterExtension
  static final TestWorkflowExtension temporal =
      DeliveryWorkflowRig.extensionBuilder()
          .setWorkflowClientOptions(
              WorkflowClientOptions.newBuilder().setIdentity("history-recorder").build())
          .setInitialTime(Instant.parse("2026-01-01T00:00:00Z"))
          .build();

  @Test
  void recordFailedThenEnabled(TestWorkflowEnvironment testEnv, WorkflowClient client)
      throws IOException {
    Worker worker = testEnv.newWorker(TaskQueues.DELIVERY);
    worker.registerWorkflowImplementationTypes(EndpointProbeWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new ScriptedDeliveryActivities(testEnv::currentTimeMillis, FAIL, SUCCEED),
        new ScriptedProbeActivities());
    testEnv.start();
    EndpointProbeInput input =
        new EndpointProbeInput(
            "recorded-endpoint",
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
    WorkflowExecutionHistory history =
        client.fetchHistory(TaskQueues.endpointProbeWorkflowId(input.endpointId()));
    // surefire runs in the module directory and sets basedir to it
    Path file =
        Path.of(
            System.getProperty("basedir", "."),
            "src/test/resources/histories",
            FAILED_THEN_ENABLED);
    Files.writeString(file, history.toJson(true) + "\n", StandardCharsets.UTF_8);
  }
}
