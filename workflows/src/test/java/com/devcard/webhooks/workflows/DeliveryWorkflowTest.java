package com.devcard.webhooks.workflows;

import static com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Answer.BLOCK;
import static com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Answer.BUSY_FOR_2M;
import static com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Answer.ENDPOINT_GONE;
import static com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Answer.FAIL;
import static com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Answer.GONE;
import static com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Answer.HELD;
import static com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Answer.NO_SLOT_FOR_10S;
import static com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Answer.SUCCEED;
import static com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Answer.THROW;
import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.workflows.ScriptedDeliveryActivities.Call;
import com.devcard.webhooks.workflows.ScriptedDeliveryActivities.KnownDelivery;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeliveryWorkflowTest {

  /** Slack for the real milliseconds a workflow task takes between a timer and the next call. */
  private static final Duration TOLERANCE = Duration.ofSeconds(5);

  @RegisterExtension static final TestWorkflowExtension temporal = DeliveryWorkflowRig.extension();

  @Test
  void aDeliveryThatSucceedsAtOnceMakesOneAttemptInAShortHistory(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    ScriptedDeliveryActivities activities = DeliveryWorkflowRig.startWorker(testEnv, SUCCEED);
    DeliveryWorkflowInput input = DeliveryWorkflowRig.freshInput("d-once");

    DeliveryStatus status = DeliveryWorkflowRig.newWorkflow(client, input).deliver(input);

    assertThat(status).isEqualTo(DeliveryStatus.SUCCESS);
    assertThat(activities.calls()).hasSize(1);
    assertThat(activities.calls().get(0).request())
        .isEqualTo(
            AttemptRequest.paced("d-once", AttemptTrigger.SCHEDULED, Duration.ofSeconds(30)));
    assertThat(DeliveryWorkflowRig.deliveryStatusAttribute(client, "d-once")).isEqualTo("success");
    WorkflowExecutionHistory history = client.fetchHistory(TaskQueues.deliveryWorkflowId("d-once"));
    assertThat(history.getEvents()).hasSizeLessThanOrEqualTo(12);
    assertThat(DeliveryWorkflowRig.count(history, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED))
        .isEqualTo(1);
    assertThat(DeliveryWorkflowRig.count(history, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED))
        .isEqualTo(1);
  }

  @Test
  void failedAttemptsAreRetriedAfterEachDelayOfTheSchedule(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    ScriptedDeliveryActivities activities =
        DeliveryWorkflowRig.startWorker(testEnv, FAIL, FAIL, FAIL, SUCCEED);
    DeliveryWorkflowInput input = DeliveryWorkflowRig.freshInput("d-retried");
    long startedAt = testEnv.currentTimeMillis();

    DeliveryStatus status = DeliveryWorkflowRig.newWorkflow(client, input).deliver(input);

    assertThat(status).isEqualTo(DeliveryStatus.SUCCESS);
    List<Call> calls = activities.calls();
    assertThat(calls).hasSize(4);
    assertThat(calls.get(0).startedAtMillis() - startedAt).isBetween(0L, TOLERANCE.toMillis());
    // each wait runs from the end of the attempt before it: +0, +30s, +5m30s, +35m30s
    assertWaited(calls.get(0), calls.get(1), Duration.ofSeconds(30));
    assertWaited(calls.get(1), calls.get(2), Duration.ofMinutes(5));
    assertWaited(calls.get(2), calls.get(3), Duration.ofMinutes(30));
    assertThat(delaysIfItFails(calls))
        .containsExactly(
            Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(30), null);
    assertThat(calls).allMatch(call -> call.request().trigger() == AttemptTrigger.SCHEDULED);
    assertThat(DeliveryWorkflowRig.deliveryStatusAttribute(client, "d-retried"))
        .isEqualTo("success");
  }

  @Test
  void aDeliveryFailsAfterItsFourScheduledAttempts(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    ScriptedDeliveryActivities activities =
        DeliveryWorkflowRig.startWorker(testEnv, FAIL, FAIL, FAIL, FAIL);
    DeliveryWorkflowInput input = DeliveryWorkflowRig.freshInput("d-failed");

    DeliveryStatus status = DeliveryWorkflowRig.newWorkflow(client, input).deliver(input);

    assertThat(status).isEqualTo(DeliveryStatus.FAILED);
    assertThat(activities.calls()).hasSize(4);
    assertThat(DeliveryWorkflowRig.deliveryStatusAttribute(client, "d-failed")).isEqualTo("failed");
  }

  @Test
  void anEndpointDeactivatedDuringAWaitCancelsTheDelivery(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    ScriptedDeliveryActivities activities =
        DeliveryWorkflowRig.startWorker(testEnv, FAIL, ENDPOINT_GONE, FAIL, FAIL);
    DeliveryWorkflowInput input = DeliveryWorkflowRig.freshInput("d-gone");

    DeliveryStatus status = DeliveryWorkflowRig.newWorkflow(client, input).deliver(input);

    assertThat(status).isEqualTo(DeliveryStatus.CANCELLED);
    assertThat(activities.calls()).hasSize(2);
    assertThat(DeliveryWorkflowRig.deliveryStatusAttribute(client, "d-gone"))
        .isEqualTo("cancelled");
    WorkflowExecutionHistory history = client.fetchHistory(TaskQueues.deliveryWorkflowId("d-gone"));
    assertThat(DeliveryWorkflowRig.count(history, EventType.EVENT_TYPE_TIMER_STARTED)).isEqualTo(1);
  }

  @Test
  void anInfrastructureFailureIsRetriedWithoutUsingUpAnAttempt(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    ScriptedDeliveryActivities activities =
        DeliveryWorkflowRig.startWorker(testEnv, THROW, THROW, SUCCEED);
    DeliveryWorkflowInput input = DeliveryWorkflowRig.freshInput("d-db-down");

    DeliveryStatus status = DeliveryWorkflowRig.newWorkflow(client, input).deliver(input);

    assertThat(status).isEqualTo(DeliveryStatus.SUCCESS);
    List<Call> calls = activities.calls();
    assertThat(calls).extracting(Call::temporalAttempt).containsExactly(1, 2, 3);
    // still the first of four attempts: three retries would follow a failure
    assertThat(calls)
        .extracting(Call::request)
        .containsOnly(
            AttemptRequest.paced("d-db-down", AttemptTrigger.SCHEDULED, Duration.ofSeconds(30)));
    WorkflowExecutionHistory history =
        client.fetchHistory(TaskQueues.deliveryWorkflowId("d-db-down"));
    assertThat(DeliveryWorkflowRig.count(history, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED))
        .isEqualTo(1);
  }

  @Test
  void aDeliveryHitByInfrastructureFailuresStillGetsAllFourAttempts(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    ScriptedDeliveryActivities activities =
        DeliveryWorkflowRig.startWorker(testEnv, THROW, THROW, FAIL, FAIL, THROW, FAIL, FAIL);
    DeliveryWorkflowInput input = DeliveryWorkflowRig.freshInput("d-db-flaky");

    DeliveryStatus status = DeliveryWorkflowRig.newWorkflow(client, input).deliver(input);

    assertThat(status).isEqualTo(DeliveryStatus.FAILED);
    assertThat(activities.calls()).hasSize(7);
    assertThat(delaysIfItFails(activities.attempts()))
        .containsExactly(
            Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(30), null);
  }

  @Test
  void historyHoldsNeitherTheSecretNorThePayload(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    String cardholder = "Ada Lovelace 4242";
    String payload = "{\"type\":\"card.viewed\",\"data\":{\"cardholder\":\"" + cardholder + "\"}}";
    ScriptedDeliveryActivities activities =
        DeliveryWorkflowRig.startWorker(testEnv, THROW, FAIL, SUCCEED);
    activities.know("d-private", new KnownDelivery(secret, payload));
    DeliveryWorkflowInput input = DeliveryWorkflowRig.freshInput("d-private");

    DeliveryStatus status = DeliveryWorkflowRig.newWorkflow(client, input).deliver(input);

    assertThat(status).isEqualTo(DeliveryStatus.SUCCESS);
    assertThat(activities.attempts()).allMatch(call -> call.signature() != null);
    WorkflowExecutionHistory history =
        client.fetchHistory(TaskQueues.deliveryWorkflowId("d-private"));
    // JSON writes payload bytes as base64, so check the text form too, where they stay readable:
    // the target host, which is in the workflow input, shows that they do.
    String text = history.toProtoText(true);
    assertThat(text).contains("hooks.example.com");
    for (String serialized : List.of(text, history.toJson(true), history.toString())) {
      assertThat(serialized)
          .doesNotContain(secret)
          .doesNotContain(payload)
          .doesNotContain(cardholder);
    }
  }

  @Test
  void retryNowEndsTheWaitAndTheNextAttemptIsManual(
      TestWorkflowEnvironment testEnv, WorkflowClient client) throws InterruptedException {
    ScriptedDeliveryActivities activities = DeliveryWorkflowRig.startWorker(testEnv, FAIL, SUCCEED);
    DeliveryWorkflowInput input = DeliveryWorkflowRig.freshInput("d-retry-now");
    WorkflowStub workflow = DeliveryWorkflowRig.start(client, input);
    DeliveryWorkflowRig.awaitCalls(activities, 1);
    testEnv.sleep(Duration.ofSeconds(5));
    assertThat(DeliveryWorkflowRig.deliveryStatusAttribute(client, "d-retry-now"))
        .isEqualTo("pending");

    long signalledAt = testEnv.currentTimeMillis();
    client
        .newWorkflowStub(DeliveryWorkflow.class, TaskQueues.deliveryWorkflowId("d-retry-now"))
        .retryNow();
    DeliveryStatus status = workflow.getResult(DeliveryStatus.class);

    assertThat(status).isEqualTo(DeliveryStatus.SUCCESS);
    List<Call> calls = activities.calls();
    assertThat(calls).hasSize(2);
    assertThat(calls.get(1).startedAtMillis() - signalledAt).isBetween(0L, TOLERANCE.toMillis());
    assertThat(calls.get(1).startedAtMillis() - calls.get(0).endedAtMillis())
        .isLessThan(Duration.ofSeconds(30).toMillis());
    assertThat(calls.get(1).request())
        .isEqualTo(
            AttemptRequest.paced("d-retry-now", AttemptTrigger.MANUAL, Duration.ofMinutes(5)));
  }

  @Test
  void retryNowDuringAnAttemptSkipsTheWaitAfterItOnceForAllItsSignals(
      TestWorkflowEnvironment testEnv, WorkflowClient client) throws InterruptedException {
    ScriptedDeliveryActivities activities =
        DeliveryWorkflowRig.startWorker(testEnv, BLOCK, FAIL, SUCCEED);
    DeliveryWorkflowInput input = DeliveryWorkflowRig.freshInput("d-retry-during");
    WorkflowStub workflow = DeliveryWorkflowRig.start(client, input);
    activities.awaitBlocked();

    DeliveryWorkflow running =
        client.newWorkflowStub(
            DeliveryWorkflow.class, TaskQueues.deliveryWorkflowId("d-retry-during"));
    running.retryNow();
    running.retryNow();
    activities.release();
    DeliveryStatus status = workflow.getResult(DeliveryStatus.class);

    assertThat(status).isEqualTo(DeliveryStatus.SUCCESS);
    List<Call> calls = activities.calls();
    assertThat(calls).hasSize(3);
    // the 30s wait after the attempt the signals came during is skipped...
    assertThat(calls.get(1).startedAtMillis() - calls.get(0).endedAtMillis())
        .isBetween(0L, TOLERANCE.toMillis());
    assertThat(calls.get(1).request())
        .isEqualTo(
            AttemptRequest.paced("d-retry-during", AttemptTrigger.MANUAL, Duration.ofMinutes(5)));
    // ...and only that one: both signals were answered by the same attempt
    assertWaited(calls.get(1), calls.get(2), Duration.ofMinutes(5));
    assertThat(calls.get(2).request().trigger()).isEqualTo(AttemptTrigger.SCHEDULED);
    WorkflowExecutionHistory history =
        client.fetchHistory(TaskQueues.deliveryWorkflowId("d-retry-during"));
    assertThat(DeliveryWorkflowRig.count(history, EventType.EVENT_TYPE_TIMER_STARTED)).isEqualTo(1);
  }

  @Test
  void retryNowDuringTheLastAttemptGetsOneManualAttemptWhenItFails(
      TestWorkflowEnvironment testEnv, WorkflowClient client) throws InterruptedException {
    ScriptedDeliveryActivities activities =
        DeliveryWorkflowRig.startWorker(testEnv, BLOCK, SUCCEED);
    // attempts 1 to 3 were made by an earlier run: this one makes the last scheduled attempt
    DeliveryWorkflowInput input =
        new DeliveryWorkflowInput(
            "d-retry-last",
            "user-1",
            "endpoint-1",
            "card.viewed",
            "hooks.example.com",
            DeliveryWorkflowRig.DEFAULT_SCHEDULE,
            3,
            Duration.ZERO);
    WorkflowStub workflow = DeliveryWorkflowRig.start(client, input);
    activities.awaitBlocked();

    client
        .newWorkflowStub(DeliveryWorkflow.class, TaskQueues.deliveryWorkflowId("d-retry-last"))
        .retryNow();
    activities.release();
    DeliveryStatus status = workflow.getResult(DeliveryStatus.class);

    assertThat(status).isEqualTo(DeliveryStatus.SUCCESS);
    List<Call> calls = activities.calls();
    assertThat(calls)
        .extracting(Call::request)
        .containsExactly(
            AttemptRequest.paced("d-retry-last", AttemptTrigger.SCHEDULED, null),
            AttemptRequest.paced("d-retry-last", AttemptTrigger.MANUAL, null));
    assertThat(calls.get(1).startedAtMillis() - calls.get(0).endedAtMillis())
        .isBetween(0L, TOLERANCE.toMillis());
    assertThat(DeliveryWorkflowRig.deliveryStatusAttribute(client, "d-retry-last"))
        .isEqualTo("success");
  }

  @Test
  void aRestartedDeliveryMakesOnlyTheAttemptsLeft(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    ScriptedDeliveryActivities activities = DeliveryWorkflowRig.startWorker(testEnv, FAIL, FAIL);
    DeliveryWorkflowInput input =
        new DeliveryWorkflowInput(
            "d-restarted",
            "user-1",
            "endpoint-1",
            "card.viewed",
            "hooks.example.com",
            DeliveryWorkflowRig.DEFAULT_SCHEDULE,
            2,
            Duration.ofSeconds(10));
    long startedAt = testEnv.currentTimeMillis();

    DeliveryStatus status = DeliveryWorkflowRig.newWorkflow(client, input).deliver(input);

    assertThat(status).isEqualTo(DeliveryStatus.FAILED);
    List<Call> calls = activities.calls();
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).startedAtMillis() - startedAt)
        .isBetween(10_000L, 10_000L + TOLERANCE.toMillis());
    assertWaited(calls.get(0), calls.get(1), Duration.ofMinutes(30));
    // attempts 3 and 4: after 3 comes the last wait, after 4 nothing
    assertThat(delaysIfItFails(calls)).containsExactly(Duration.ofMinutes(30), null);
  }

  @Test
  void attemptsAndWaitsAreLabelledForTheTemporalUi(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    DeliveryWorkflowRig.startWorker(testEnv, FAIL, SUCCEED);
    DeliveryWorkflowInput input = DeliveryWorkflowRig.freshInput("d-labelled");

    DeliveryWorkflowRig.newWorkflow(client, input).deliver(input);

    WorkflowExecutionHistory history =
        client.fetchHistory(TaskQueues.deliveryWorkflowId("d-labelled"));
    assertThat(summaries(history, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED))
        .containsExactly("POST to hooks.example.com", "POST to hooks.example.com");
    assertThat(summaries(history, EventType.EVENT_TYPE_TIMER_STARTED))
        .containsExactly("wait 30s before attempt 2");
  }

  @Test
  void aRetryAfterLongerThanTheScheduledDelayMovesTheNextAttemptWithoutAddingOne(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    ScriptedDeliveryActivities activities =
        DeliveryWorkflowRig.startWorker(testEnv, BUSY_FOR_2M, SUCCEED);
    DeliveryWorkflowInput input = DeliveryWorkflowRig.freshInput("d-retry-after");

    DeliveryStatus status = DeliveryWorkflowRig.newWorkflow(client, input).deliver(input);

    assertThat(status).isEqualTo(DeliveryStatus.SUCCESS);
    List<Call> calls = activities.calls();
    assertThat(calls).hasSize(2);
    // 2 minutes asked for instead of the schedule's 30 s
    assertWaited(calls.get(0), calls.get(1), Duration.ofMinutes(2));
    // the schedule itself is unchanged: the next delay is still the second one
    assertThat(calls.get(1).request().delayIfItFails()).isEqualTo(Duration.ofMinutes(5));
    WorkflowExecutionHistory history =
        client.fetchHistory(TaskQueues.deliveryWorkflowId("d-retry-after"));
    assertThat(summaries(history, EventType.EVENT_TYPE_TIMER_STARTED))
        .containsExactly("wait 2m before attempt 2 (Retry-After)");
  }

  @Test
  void aRetryAfterShorterThanTheScheduledDelayKeepsTheSchedule(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    ScriptedDeliveryActivities activities =
        DeliveryWorkflowRig.startWorker(testEnv, FAIL, BUSY_FOR_2M, SUCCEED);
    DeliveryWorkflowInput input = DeliveryWorkflowRig.freshInput("d-retry-after-short");

    DeliveryWorkflowRig.newWorkflow(client, input).deliver(input);

    List<Call> calls = activities.calls();
    assertThat(calls).hasSize(3);
    assertWaited(calls.get(0), calls.get(1), Duration.ofSeconds(30));
    assertWaited(calls.get(1), calls.get(2), Duration.ofMinutes(5));
  }

  @Test
  void aRetryAfterOnTheLastAttemptAddsNoAttempt(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    ScriptedDeliveryActivities activities =
        DeliveryWorkflowRig.startWorker(
            testEnv, BUSY_FOR_2M, BUSY_FOR_2M, BUSY_FOR_2M, BUSY_FOR_2M);
    DeliveryWorkflowInput input = DeliveryWorkflowRig.freshInput("d-retry-after-last");

    DeliveryStatus status = DeliveryWorkflowRig.newWorkflow(client, input).deliver(input);

    assertThat(status).isEqualTo(DeliveryStatus.FAILED);
    List<Call> calls = activities.calls();
    assertThat(calls).hasSize(4);
    // 2m, then the longer scheduled 5m and 30m
    assertWaited(calls.get(0), calls.get(1), Duration.ofMinutes(2));
    assertWaited(calls.get(1), calls.get(2), Duration.ofMinutes(5));
    assertWaited(calls.get(2), calls.get(3), Duration.ofMinutes(30));
  }

  @Test
  void a410EndsTheDeliveryFailedWithoutAnotherAttempt(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    ScriptedDeliveryActivities activities =
        DeliveryWorkflowRig.startWorker(testEnv, FAIL, GONE, SUCCEED);
    DeliveryWorkflowInput input = DeliveryWorkflowRig.freshInput("d-gone-410");

    DeliveryStatus status = DeliveryWorkflowRig.newWorkflow(client, input).deliver(input);

    assertThat(status).isEqualTo(DeliveryStatus.FAILED);
    assertThat(activities.calls()).extracting(Call::answer).containsExactly(FAIL, GONE);
    assertThat(DeliveryWorkflowRig.deliveryStatusAttribute(client, "d-gone-410"))
        .isEqualTo("failed");
    WorkflowExecutionHistory history =
        client.fetchHistory(TaskQueues.deliveryWorkflowId("d-gone-410"));
    assertThat(DeliveryWorkflowRig.count(history, EventType.EVENT_TYPE_TIMER_STARTED)).isEqualTo(1);
  }

  @Test
  void aDeliveryHeldDuringItsScheduleEndsItsRunWithoutSending(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    ScriptedDeliveryActivities activities =
        DeliveryWorkflowRig.startWorker(testEnv, FAIL, HELD, SUCCEED);
    DeliveryWorkflowInput input = DeliveryWorkflowRig.freshInput("d-held");

    DeliveryStatus status = DeliveryWorkflowRig.newWorkflow(client, input).deliver(input);

    assertThat(status).isEqualTo(DeliveryStatus.HELD);
    assertThat(activities.calls()).extracting(Call::answer).containsExactly(FAIL, HELD);
    assertThat(DeliveryWorkflowRig.deliveryStatusAttribute(client, "d-held")).isEqualTo("held");
  }

  @Test
  void anAttemptWaitsForItsRateLimitSlotOnATimerWithoutUsingUpAnAttempt(
      TestWorkflowEnvironment testEnv, WorkflowClient client) {
    ScriptedDeliveryActivities activities =
        DeliveryWorkflowRig.startWorker(
            testEnv, NO_SLOT_FOR_10S, FAIL, NO_SLOT_FOR_10S, FAIL, FAIL, FAIL);
    DeliveryWorkflowInput input = DeliveryWorkflowRig.freshInput("d-paced");

    DeliveryStatus status = DeliveryWorkflowRig.newWorkflow(client, input).deliver(input);

    assertThat(status).isEqualTo(DeliveryStatus.FAILED);
    List<Call> calls = activities.calls();
    assertThat(calls).hasSize(6);
    // four real attempts: the slots used none up
    assertThat(calls).filteredOn(call -> call.answer() == FAIL).hasSize(4);
    // the first attempt is made in the slot reserved for it, 10 s later, holding that slot
    assertWaited(calls.get(0), calls.get(1), ScriptedDeliveryActivities.SLOT_WAIT);
    assertThat(calls.get(0).request().reservedSlot()).isNull();
    assertThat(calls.get(1).request().reservedSlot()).isNotNull();
    assertThat(calls.get(1).request().delayIfItFails()).isEqualTo(Duration.ofSeconds(30));
    // the schedule's wait comes first, then the slot's
    assertWaited(calls.get(1), calls.get(2), Duration.ofSeconds(30));
    assertWaited(calls.get(2), calls.get(3), ScriptedDeliveryActivities.SLOT_WAIT);
    assertThat(calls.get(3).request().delayIfItFails()).isEqualTo(Duration.ofMinutes(5));
    WorkflowExecutionHistory history =
        client.fetchHistory(TaskQueues.deliveryWorkflowId("d-paced"));
    assertThat(summaries(history, EventType.EVENT_TYPE_TIMER_STARTED))
        .contains("wait 10s for a slot of the endpoint's rate limit");
  }

  private static void assertWaited(Call before, Call after, Duration delay) {
    assertThat(after.startedAtMillis() - before.endedAtMillis())
        .as("wait before the attempt after %s", before.request())
        .isBetween(delay.toMillis(), delay.plus(TOLERANCE).toMillis());
  }

  private static List<Duration> delaysIfItFails(List<Call> calls) {
    return Arrays.asList(
        calls.stream().map(call -> call.request().delayIfItFails()).toArray(Duration[]::new));
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
