package com.devcard.webhooks.api.delivery;

import com.devcard.webhooks.api.TestTargets;
import com.devcard.webhooks.api.sweep.TestSweeps;
import com.devcard.webhooks.store.delivery.PendingDeliveryRepository;
import com.devcard.webhooks.store.testing.TestStore;
import io.temporal.client.WorkflowClient;
import java.time.Duration;

/** The api's handle on delivery workflows, for tests outside this package. */
public final class TestDeliveryWorkflowClients {

  private TestDeliveryWorkflowClients() {}

  /** Close it ({@link DeliveryWorkflowClient#destroy()}) when done, as the context would. */
  public static DeliveryWorkflowClient on(
      WorkflowClient client, PendingDeliveryRepository pending) {
    return new DeliveryWorkflowClient(client, pending, TestTargets.policy());
  }

  /**
   * Admission with the default places and express lane per user, looking often; stop it when done.
   */
  public static FairAdmission admission(DeliveryWorkflowClient workflows, TestStore store) {
    return new FairAdmission(
        store.pending(),
        new MissingRunStarter(
            store.deliveryLog(), store.pending(), store.cancellations(), workflows),
        workflows,
        TestSweeps.on(store.dataSource()),
        new AdmissionProperties(32, 2, Duration.ofMillis(20), Duration.ofMillis(100)));
  }
}
