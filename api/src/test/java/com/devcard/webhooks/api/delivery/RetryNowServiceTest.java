package com.devcard.webhooks.api.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.devcard.webhooks.api.TestData;
import com.devcard.webhooks.api.TestTemporal;
import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.limit.TestLimits;
import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.store.delivery.Delivery;
import com.devcard.webhooks.store.delivery.PendingDelivery;
import com.devcard.webhooks.store.endpoint.Endpoint;
import com.devcard.webhooks.store.testing.TestStore;
import com.devcard.webhooks.workflows.DeliveryWorkflowInput;
import com.devcard.webhooks.workflows.TaskQueues;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * "Retry" on each kind of delivery, against a real database and a real Temporal frontend (no worker
 * runs, so a started run waits and can be looked at): a waiting delivery is told to attempt now, a
 * finished one is reopened for one manual attempt, and what cannot be retried is refused.
 */
class RetryNowServiceTest {

  private static TestStore store;
  private static TestData data;
  private static WorkflowClient temporal;
  private static DeliveryWorkflowClient workflows;
  private static MissingRunStarter runs;
  private static RetryNowService retries;

  private final String user = TestData.newUser();
  private Endpoint endpoint;

  @BeforeAll
  static void wire() {
    store = TestStore.fresh();
    data = TestData.on(store);
    temporal = TestTemporal.client();
    workflows = TestDeliveryWorkflowClients.on(temporal, store.pending());
    runs =
        new MissingRunStarter(
            store.deliveryLog(), store.pending(), store.cancellations(), workflows);
    retries = retriesOn(workflows);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    workflows.destroy();
  }

  @BeforeEach
  void anEndpoint() {
    endpoint = data.endpoint(user, "card.viewed");
  }

  private static RetryNowService retriesOn(DeliveryWorkflowClient handle) {
    return new RetryNowService(
        store.deliveryLog(),
        store.pending(),
        store.cancellations(),
        store.endpoints(),
        handle,
        new MissingRunStarter(store.deliveryLog(), store.pending(), store.cancellations(), handle),
        TestLimits.limiter(store.jdbc()),
        TestLimits.defaults());
  }

  private Delivery retry(String delivery) {
    return retries.retry(user, endpoint.id(), delivery);
  }

  private static HttpStatus refusal(Runnable retry) {
    ApiException refused = catchThrowableOfType(ApiException.class, retry::run);
    assertThat(refused).as("the retry is refused").isNotNull();
    return refused.status();
  }

  private static PendingDelivery pending(String delivery) {
    return store.pending().findPending(delivery).orElseThrow();
  }

  private static List<HistoryEvent> latestRunHistory(String delivery) {
    return temporal.fetchHistory(TaskQueues.deliveryWorkflowId(delivery)).getEvents();
  }

  private static DeliveryWorkflowInput latestRunInput(String delivery) {
    return temporal
        .getOptions()
        .getDataConverter()
        .fromPayloads(
            0,
            Optional.of(
                latestRunHistory(delivery)
                    .getFirst()
                    .getWorkflowExecutionStartedEventAttributes()
                    .getInput()),
            DeliveryWorkflowInput.class,
            DeliveryWorkflowInput.class);
  }

  private static boolean toldToRetryNow(String delivery) {
    return latestRunHistory(delivery).stream()
        .filter(event -> event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
        .anyMatch(
            event ->
                event
                    .getWorkflowExecutionSignaledEventAttributes()
                    .getSignalName()
                    .equals("retryNow"));
  }

  private static boolean running(String delivery) {
    return workflows
        .latestRun(delivery)
        .filter(status -> status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING)
        .isPresent();
  }

  @Test
  void aWaitingDeliveryIsToldToAttemptNow() {
    String delivery = data.delivery(endpoint);
    runs.reconcile(pending(delivery));

    Delivery after = retry(delivery);

    assertThat(toldToRetryNow(delivery)).isTrue();
    assertThat(after.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(after.attempts()).isZero();
  }

  @Test
  void aPendingDeliveryWithoutARunGetsItsScheduleStartedAtOnce() {
    String delivery = data.delivery(endpoint);

    retry(delivery);

    assertThat(running(delivery)).isTrue();
    assertThat(latestRunInput(delivery).oneManualAttempt()).isFalse();
    assertThat(pending(delivery).workflowStarted()).isTrue();
  }

  @Test
  void aFailedDeliveryIsReopenedForOneManualAttempt() {
    String delivery = data.delivery(endpoint);
    data.fail(delivery);

    Delivery after = retry(delivery);

    assertThat(after.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(after.attempts()).isEqualTo(1);
    assertThat(pending(delivery).manualAttemptOwed()).isTrue();
    assertThat(pending(delivery).workflowStarted()).isTrue();
    assertThat(running(delivery)).isTrue();
    DeliveryWorkflowInput run = latestRunInput(delivery);
    assertThat(run.oneManualAttempt()).isTrue();
    assertThat(run.attemptsMade()).isEqualTo(1);
  }

  @Test
  void aSuccessfulDeliveryIsReopenedForOneManualAttemptToo() {
    String delivery = data.delivery(endpoint);
    data.succeed(delivery);

    assertThat(retry(delivery).status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(latestRunInput(delivery).oneManualAttempt()).isTrue();
  }

  @Test
  void aDeliveryAnOperatorCancelledCanBeRetried() {
    String delivery = data.delivery(endpoint);
    store.cancellations().cancelByOperator(delivery);

    assertThat(retry(delivery).status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(pending(delivery).manualAttemptOwed()).isTrue();
  }

  @Test
  void aDeliveryCancelledWithItsEndpointStaysCancelled() {
    String delivery = data.delivery(endpoint);
    data.setActive(endpoint, false);
    data.setActive(endpoint, true);

    assertThat(refusal(() -> retry(delivery))).isEqualTo(HttpStatus.CONFLICT);
    assertThat(data.status(delivery)).isEqualTo("cancelled");
  }

  @Test
  void aFinishedDeliveryOfAnInactiveEndpointIsNotRetried() {
    String delivery = data.delivery(endpoint);
    data.fail(delivery);
    data.setActive(endpoint, false);

    assertThat(refusal(() -> retry(delivery))).isEqualTo(HttpStatus.CONFLICT);
    assertThat(data.status(delivery)).isEqualTo("failed");
  }

  @Test
  void aDeliveryIsFoundOnlyThroughItsOwnUserAndEndpoint() {
    String delivery = data.delivery(endpoint);
    data.fail(delivery);
    Endpoint otherEndpoint = data.endpoint(user, "card.viewed");

    assertThat(refusal(() -> retries.retry("someone-else", endpoint.id(), delivery)))
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(refusal(() -> retries.retry(user, otherEndpoint.id(), delivery)))
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(data.status(delivery)).isEqualTo("failed");
  }

  @Test
  void aDeliveryOfADeletedEndpointIsNotFound() {
    String delivery = data.delivery(endpoint);
    data.fail(delivery);
    data.delete(endpoint);

    assertThat(refusal(() -> retry(delivery))).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void whileTemporalIsDownAWaitingDeliveryCannotBeToldAndTheClientMayTryAgain() {
    String delivery = data.delivery(endpoint);

    withTemporalDown(
        down ->
            assertThat(refusal(() -> down.retry(user, endpoint.id(), delivery)))
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
    assertThat(data.status(delivery)).isEqualTo("pending");
  }

  @Test
  void whileTemporalIsDownAFailedDeliveryIsStillReopenedAndLeftForTheReconciler() {
    String delivery = data.delivery(endpoint);
    data.fail(delivery);

    withTemporalDown(
        down ->
            assertThat(down.retry(user, endpoint.id(), delivery).status())
                .isEqualTo(DeliveryStatus.PENDING));
    assertThat(pending(delivery).manualAttemptOwed()).isTrue();
    assertThat(pending(delivery).workflowStarted()).isFalse();
  }

  /** Retries through a client whose Temporal does not answer. */
  private static void withTemporalDown(Consumer<RetryNowService> check) {
    WorkflowClient unreachable = TestTemporal.unreachable();
    DeliveryWorkflowClient handle = TestDeliveryWorkflowClients.on(unreachable, store.pending());
    try {
      check.accept(retriesOn(handle));
    } finally {
      try {
        handle.destroy();
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
      unreachable.getWorkflowServiceStubs().shutdownNow();
    }
  }
}
