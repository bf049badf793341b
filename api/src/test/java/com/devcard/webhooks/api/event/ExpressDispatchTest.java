package com.devcard.webhooks.api.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.api.TestData;
import com.devcard.webhooks.api.TestTemporal;
import com.devcard.webhooks.api.delivery.DeliveryWorkflowClient;
import com.devcard.webhooks.api.delivery.TestDeliveryWorkflowClients;
import com.devcard.webhooks.store.testing.TestStore;
import com.devcard.webhooks.workflows.TaskQueues;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A dispatch starts its express deliveries' workflows itself: with admission running no round at
 * all, a user's first deliveries up to its places on the express lane still start, on the express
 * queue, and the next one waits. Real database, real Temporal frontend, no worker.
 */
class ExpressDispatchTest {

  private static TestStore store;
  private static TestData data;
  private static WorkflowClient temporal;
  private static DeliveryWorkflowClient workflows;
  private static Dispatcher dispatcher;

  private final String user = TestData.newUser();

  @BeforeAll
  static void wire() {
    store = TestStore.fresh();
    data = TestData.on(store);
    temporal = TestTemporal.client();
    workflows = TestDeliveryWorkflowClients.on(temporal, store.pending());
    // Admission that is never started: it runs no round.
    dispatcher = TestDispatchers.on(store, TestDeliveryWorkflowClients.admission(workflows, store));
  }

  @AfterAll
  static void stop() throws InterruptedException {
    workflows.destroy();
  }

  @Test
  void aUsersFirstDeliveriesStartAtOnceOnTheExpressQueueAndTheNextWaitsForARound() {
    data.endpoint(user, "card.viewed");

    List<String> deliveries = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      deliveries.add(
          dispatcher.dispatch(user, "card.viewed", Map.of()).deliveries().getFirst().id());
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> workflowStarted(deliveries.get(0)) && workflowStarted(deliveries.get(1)));
    assertThat(deliveries.subList(0, 2))
        .extracting(ExpressDispatchTest::taskQueue)
        .containsOnly(TaskQueues.DELIVERY_EXPRESS);
    assertThat(workflowStarted(deliveries.get(2))).isFalse();
  }

  private static boolean workflowStarted(String delivery) {
    return store.pending().findPending(delivery).orElseThrow().workflowStarted();
  }

  private static String taskQueue(String delivery) {
    return temporal
        .newUntypedWorkflowStub(TaskQueues.deliveryWorkflowId(delivery))
        .describe()
        .getTaskQueue();
  }
}
