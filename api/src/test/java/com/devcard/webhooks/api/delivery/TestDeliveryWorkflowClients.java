package com.devcard.webhooks.api.delivery;

import com.devcard.webhooks.api.TestTargets;
import com.devcard.webhooks.store.delivery.PendingDeliveryRepository;
import io.temporal.client.WorkflowClient;

/** The api's handle on delivery workflows, for tests outside this package. */
public final class TestDeliveryWorkflowClients {

  private TestDeliveryWorkflowClients() {}

  /** Close it ({@link DeliveryWorkflowClient#destroy()}) when done, as the context would. */
  public static DeliveryWorkflowClient on(
      WorkflowClient client, PendingDeliveryRepository pending) {
    return new DeliveryWorkflowClient(client, pending, TestTargets.policy());
  }
}
