package com.devcard.webhooks.workflows;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replays probe histories recorded from real runs (see {@link EndpointProbeHistoriesRecorderTest}),
 * so that a change to {@link EndpointProbeWorkflowImpl} that would break probes already running
 * fails the build.
 */
class EndpointProbeWorkflowReplayTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        EndpointProbeHistoriesRecorderTest.FAILED_THEN_ENABLED,
        EndpointProbeHistoriesRecorderTest.WITH_HEARTBEAT_TIMEOUT
      })
  void aRecordedProbeReplaysOnTheCurrentWorkflow(String fileName) throws Exception {
    RecordedHistories.replay(fileName, EndpointProbeWorkflowImpl.class);
  }

  @Test
  void aProbeThatNoLongerWaitsFailsTheReplay() {
    RecordedHistories.assertReplayFails(
        EndpointProbeHistoriesRecorderTest.FAILED_THEN_ENABLED, ProbesWithoutWaiting.class);
  }

  /**
   * The kind of change the replay test is there to catch: the same workflow type, its waits
   * removed. Public because the worker instantiates it by reflection.
   */
  public static class ProbesWithoutWaiting implements EndpointProbeWorkflow {

    @Override
    public ProbeResult probe(EndpointProbeInput input) {
      ActivityOptions options =
          ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(2)).build();
      EndpointProbeActivities probes =
          Workflow.newActivityStub(EndpointProbeActivities.class, options);
      DeliveryActivities attempts = Workflow.newActivityStub(DeliveryActivities.class, options);
      for (int probe = 1; probe <= input.delays().size(); probe++) {
        ProbeTarget target = probes.target(input.step());
        AttemptOutcome outcome =
            attempts.attempt(AttemptRequest.paced(target.deliveryId(), AttemptTrigger.PROBE, null));
        if (outcome.succeeded()) {
          probes.enable(input.step());
          return ProbeResult.ENABLED;
        }
      }
      return ProbeResult.GAVE_UP;
    }
  }
}
