package com.devcard.webhooks.api.event;

import static com.devcard.webhooks.api.Refusals.fieldsRefusedBy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.api.TestData;
import com.devcard.webhooks.api.TestTemporal;
import com.devcard.webhooks.api.delivery.DeliveryWorkflowClient;
import com.devcard.webhooks.api.delivery.FairAdmission;
import com.devcard.webhooks.api.delivery.TestDeliveryWorkflowClients;
import com.devcard.webhooks.api.event.DispatchedEvent.DeliveryRef;
import com.devcard.webhooks.store.Page;
import com.devcard.webhooks.store.delivery.Delivery;
import com.devcard.webhooks.store.endpoint.Endpoint;
import com.devcard.webhooks.store.testing.TestStore;
import com.devcard.webhooks.workflows.TaskQueues;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which endpoints an event reaches: each active endpoint of its user subscribed to its type, one
 * delivery each, with one workflow each, on the task queue its user's deliveries in flight call
 * for; against a real database and a real Temporal frontend (no worker: the runs stay running).
 */
class DispatcherTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static TestStore store;
  private static TestData data;
  private static WorkflowClient temporal;
  private static DeliveryWorkflowClient workflows;
  private static FairAdmission admission;
  private static Dispatcher dispatcher;

  private final String user = TestData.newUser();

  @BeforeAll
  static void wire() {
    store = TestStore.fresh();
    data = TestData.on(store);
    temporal = TestTemporal.client();
    workflows = TestDeliveryWorkflowClients.on(temporal, store.pending());
    admission = TestDeliveryWorkflowClients.admission(workflows, store);
    admission.start();
    dispatcher = TestDispatchers.on(store, admission);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    admission.stop();
    workflows.destroy();
  }

  private DispatchedEvent cardViewed() {
    return dispatcher.dispatch(user, "card.viewed", Map.of("cardId", "c_7"));
  }

  private static List<String> endpointsReached(DispatchedEvent event) {
    return event.deliveries().stream().map(DeliveryRef::endpointId).toList();
  }

  private List<Delivery> deliveriesOf(Endpoint endpoint) {
    Page<Delivery> page =
        store.deliveryLog().list(user, endpoint.id(), Optional.empty(), Optional.empty(), 100);
    return page.items();
  }

  @Test
  void eachActiveEndpointSubscribedToTheTypeGetsOneDelivery() {
    Endpoint first = data.endpoint(user, "card.viewed");
    Endpoint second = data.endpoint(user, "contact.saved", "card.viewed");
    Endpoint elsewhere = data.endpoint(user, "contact.saved");

    DispatchedEvent event = cardViewed();

    assertThat(endpointsReached(event)).containsExactlyInAnyOrder(first.id(), second.id());
    assertThat(event.deliveries()).extracting(DeliveryRef::id).doesNotHaveDuplicates();
    assertThat(deliveriesOf(elsewhere)).isEmpty();
  }

  @Test
  void anInactiveEndpointGetsNothing() {
    Endpoint endpoint = data.endpoint(user, "card.viewed");
    data.setActive(endpoint, false);

    assertThat(cardViewed().deliveries()).isEmpty();
  }

  @Test
  void aDeletedEndpointGetsNothing() {
    Endpoint endpoint = data.endpoint(user, "card.viewed");
    data.delete(endpoint);

    assertThat(cardViewed().deliveries()).isEmpty();
  }

  @Test
  void anotherUsersEndpointsGetNothing() {
    data.endpoint(TestData.newUser(), "card.viewed");

    assertThat(cardViewed().deliveries()).isEmpty();
  }

  @Test
  void anEventNobodySubscribesToIsStillAnEvent() {
    DispatchedEvent event = cardViewed();

    assertThat(event.eventId()).startsWith("evt");
    assertThat(event.deliveries()).isEmpty();
  }

  @Test
  void theSameKeyAgainAnswersTheFirstAnswerAndCreatesNothing() {
    Endpoint endpoint = data.endpoint(user, "card.viewed");
    EventReport report =
        new EventReport("evt-2f1c", user, "card.viewed", JSON.createObjectNode().put("n", 1));

    DispatchedEvent first = dispatcher.dispatch(report);
    DispatchedEvent again = dispatcher.dispatch(report);

    assertThat(again).isEqualTo(first);
    assertThat(deliveriesOf(endpoint)).hasSize(1);
  }

  @Test
  void theSameKeyOfAnotherUserIsAnotherEvent() {
    data.endpoint(user, "card.viewed");
    String other = TestData.newUser();
    data.endpoint(other, "card.viewed");

    DispatchedEvent mine =
        dispatcher.dispatch(new EventReport("k-1", user, "card.viewed", JSON.createObjectNode()));
    DispatchedEvent theirs =
        dispatcher.dispatch(new EventReport("k-1", other, "card.viewed", JSON.createObjectNode()));

    assertThat(theirs.eventId()).isNotEqualTo(mine.eventId());
    assertThat(theirs.deliveries()).hasSize(1);
  }

  @Test
  void aTestEventGoesToItsOneEndpointWhateverItSubscribesTo() {
    data.endpoint(user, "card.viewed");
    Endpoint target = data.endpoint(user, "contact.saved");

    assertThat(endpointsReached(dispatcher.dispatchTest(user, target.id())))
        .containsExactly(target.id());
  }

  @Test
  void aTestEventToAnotherUsersEndpointReachesNothing() {
    Endpoint theirs = data.endpoint(TestData.newUser(), "card.viewed");

    assertThat(dispatcher.dispatchTest(user, theirs.id()).deliveries()).isEmpty();
  }

  @Test
  void eachDeliveryGetsItsWorkflowStarted() {
    data.endpoint(user, "card.viewed");

    String delivery = cardViewed().deliveries().getFirst().id();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> store.pending().findPending(delivery).orElseThrow().workflowStarted());
    assertThat(
            temporal
                .newUntypedWorkflowStub(TaskQueues.deliveryWorkflowId(delivery))
                .describe()
                .getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void aUsersFirstTwoInFlightStartOnTheExpressQueueAndTheRestOnTheMainOne() {
    data.endpoint(user, "card.viewed");
    String quiet = TestData.newUser();
    data.endpoint(quiet, "card.viewed");

    List<String> busy = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      busy.add(cardViewed().deliveries().getFirst().id());
    }
    awaitStarted(busy);
    // The busy user has four in flight now: another user's delivery still goes express, and the
    // busy user's next one does not.
    String quietOne =
        dispatcher.dispatch(quiet, "card.viewed", Map.of()).deliveries().getFirst().id();
    String busyLater = cardViewed().deliveries().getFirst().id();
    awaitStarted(List.of(quietOne, busyLater));

    assertThat(busy)
        .extracting(DispatcherTest::taskQueue)
        .containsExactly(
            TaskQueues.DELIVERY_EXPRESS,
            TaskQueues.DELIVERY_EXPRESS,
            TaskQueues.DELIVERY,
            TaskQueues.DELIVERY);
    assertThat(taskQueue(quietOne)).isEqualTo(TaskQueues.DELIVERY_EXPRESS);
    assertThat(taskQueue(busyLater)).isEqualTo(TaskQueues.DELIVERY);
  }

  @Test
  void theReceiverGetsTheEventIdTypeTimeAndDataInThatOrder() {
    Endpoint endpoint = data.endpoint(user, "card.viewed");

    DispatchedEvent event = cardViewed();

    String payload =
        store
            .deliveryLog()
            .findDetail(user, endpoint.id(), event.deliveries().getFirst().id())
            .orElseThrow()
            .payload();
    assertThat(payload)
        .matches(
            "\\{\"id\":\""
                + event.eventId()
                + "\",\"type\":\"card\\.viewed\",\"createdAt\":\"[0-9T:.-]{23}Z\","
                + "\"data\":\\{\"cardId\":\"c_7\"}}");
  }

  @Test
  void anUnknownTypeIsRefusedAndNothingIsWritten() {
    Endpoint endpoint = data.endpoint(user, "card.viewed");

    assertThat(fieldsRefusedBy(() -> dispatcher.dispatch(user, "card.burnt", Map.of())))
        .containsExactly("type");
    assertThat(deliveriesOf(endpoint)).isEmpty();
  }

  @Test
  void dataThatIsNotAnObjectIsRefused() {
    assertThat(fieldsRefusedBy(() -> dispatcher.dispatch(user, "card.viewed", List.of(1))))
        .containsExactly("data");
  }

  private static void awaitStarted(List<String> deliveries) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                deliveries.stream()
                    .allMatch(
                        id -> store.pending().findPending(id).orElseThrow().workflowStarted()));
  }

  private static String taskQueue(String delivery) {
    return temporal
        .newUntypedWorkflowStub(TaskQueues.deliveryWorkflowId(delivery))
        .describe()
        .getTaskQueue();
  }
}
