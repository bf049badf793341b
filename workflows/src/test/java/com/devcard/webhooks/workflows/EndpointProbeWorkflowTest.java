package com.devcard.webhooks.workflows;

import static com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Answer.FAIL;
import static com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Answer.NO_SLOT_FOR_10S;
import static com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Answer.SUCCEED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Call;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.CanceledFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EndpointProbeWorkflowTest {

  private static final Duration TOLERANCE = Duration.ofSeconds(5);
  private static final List<Duration> DELAYS = RetrySchedule.parse("5m,30m,2h");

  @RegisterExtension static final TestWorkflowExtension temporal = DeliveryWorkflowRig.extension();

  private ScriptedProbeActivities probes;

  private ScriptedDeliveryActivities startWorker(
      TestWorkflowEnvironment testEnv, ScriptedDeliveryActivities.Answer... script) {
    ScriptedDeliveryActivities attempts =
        new ScriptedDeliveryActivities(testEnv::currentTimeMillis, script);
    probes = new ScriptedProbeActivities();
    Worker worker = testEnv.newWorker(TaskQueues.DELIVERY);
    worker.registerWorkflowImplementationTypes(EndpointProbeWorkflowImpl.class);
    worker.registerActivitiesImplementations(attempts, probes);
    testEnv.start();
    return attempts;
  }

  private static EndpointProbeWorkflow newProbe(WorkflowClient client, String endpointId) {
    return client.newWorkflowStub(
        EndpointProbeWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(TaskQueues.endpointProbeWorkflowId(endpointId))
            .setTaskQueue(TaskQueues.DELIVERY)
            .build());
  }

  private static EndpointProbeInput input(String endpointId) {
    return new EndpointProbeInput(
        endpointId, "user-1", "hooks.example.com", DELAYS, 5, DeliveryWorkflowRig.DEFAULT_SCHEDULE);
  }

  @Test
  void eachProbeFollowsItsDelayAndTheFirstSuccessEnablesTheEndpoint(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    ScriptedDeliveryActivities attempts = startWorker(testEnv, FAIL, SUCCEED);
    long startedAt = testEnv.currentTimeMillis();

    ProbeResult result = newProbe(client, "ep-back").probe(input("ep-back"));

    assertThat(result).isEqualTo(ProbeResult.ENABLED);
    List<Call> calls = attempts.calls();
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).startedAtMillis() - startedAt)
        .isBetween(
            Duration.ofMinutes(5).toMillis(), Duration.ofMinutes(5).plus(TOLERANCE).toMillis());
    assertThat(calls.get(1).startedAtMillis() - calls.get(0).endedAtMillis())
        .isBetween(
            Duration.ofMinutes(30).toMillis(), Duration.ofMinutes(30).plus(TOLERANCE).toMillis());
    // each probe is one attempt on the oldest held delivery, made as a probe with none to follow
    assertThat(calls)
        .extracting(Call::request)
        .containsOnly(
            AttemptRequest.paced(
                ScriptedProbeActivities.HELD_DELIVERY, AttemptTrigger.PROBE, null));
    assertThat(probes.enables()).containsExactly("ep-back");
    WorkflowExecutionHistory history =
        client.fetchHistory(TaskQueues.endpointProbeWorkflowId("ep-back"));
    assertThat(summaries(history, EventType.EVENT_TYPE_TIMER_STARTED))
        .containsExactly("probe 1 of 3 in 5m", "probe 2 of 3 in 30m");
    assertThat(summaries(history, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED))
        .containsExactly(
            "pick the delivery to probe with",
            "probe POST to hooks.example.com",
            "pick the delivery to probe with",
            "probe POST to hooks.example.com",
            "enable the endpoint");
  }

  @Test
  void whenEveryProbeFailsTheEndpointStaysDisabled(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    ScriptedDeliveryActivities attempts = startWorker(testEnv, FAIL, FAIL, FAIL, SUCCEED);

    ProbeResult result = newProbe(client, "ep-dead").probe(input("ep-dead"));

    assertThat(result).isEqualTo(ProbeResult.GAVE_UP);
    assertThat(attempts.calls()).hasSize(3);
    assertThat(probes.enables()).isEmpty();
  }

  @Test
  void anEndpointNoLongerDisabledIsNotProbed(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    ScriptedDeliveryActivities attempts = startWorker(testEnv, SUCCEED);
    probes.endpointEnabledElsewhere();

    ProbeResult result = newProbe(client, "ep-enabled").probe(input("ep-enabled"));

    assertThat(result).isEqualTo(ProbeResult.NOT_NEEDED);
    assertThat(attempts.calls()).isEmpty();
  }

  @Test
  void aProbeWaitsForASlotOfTheRateLimitLikeAnyAttempt(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    ScriptedDeliveryActivities attempts = startWorker(testEnv, NO_SLOT_FOR_10S, SUCCEED);

    ProbeResult result = newProbe(client, "ep-limited").probe(input("ep-limited"));

    assertThat(result).isEqualTo(ProbeResult.ENABLED);
    List<Call> calls = attempts.calls();
    assertThat(calls).hasSize(2);
    assertThat(calls.get(1).startedAtMillis() - calls.get(0).endedAtMillis())
        .isGreaterThanOrEqualTo(ScriptedDeliveryActivities.SLOT_WAIT.toMillis());
    assertThat(calls.get(1).request().reservedSlot()).isNotNull();
  }

  @Test
  void cancellingTheProbeEndsItWithoutAnotherAttempt(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    ScriptedDeliveryActivities attempts = startWorker(testEnv, FAIL);
    EndpointProbeWorkflow probe = newProbe(client, "ep-deleted");
    WorkflowClient.start(probe::probe, input("ep-deleted"));
    WorkflowStub stub = WorkflowStub.fromTyped(probe);

    testEnv.sleep(Duration.ofMinutes(6));
    stub.cancel();

    assertThatThrownBy(() -> stub.getResult(ProbeResult.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    assertThat(attempts.calls()).hasSize(1);
  }

  private static List<String> summaries(WorkflowExecutionHistory history, EventType type) {
    return history.getEvents().stream()
        .filter(event -> event.getEventType() == type)
        .map(HistoryEvent::getUserMetadata)
        .map(metadata -> decode(metadata.getSummary()))
        .toList();
  }

  private static String decode(Payload payload) {
    return DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, String.class, String.class);
  }
}
