package com.devcard.webhooks.api.delivery;

import com.devcard.webhooks.api.TestTargets;
import com.devcard.webhooks.store.delivery.DeliveryRepository;
import io.temporal.client.WorkflowClient;

/** The api's handle on delivery workflows, for tests outside this package. */
public final class TestDeliveryWorkflows {

  private TestDeliveryWorkflows() {}

  /** Close it ({@link DeliveryWorkflows#destroy()}) when done, as the context would. */
  public static DeliveryWorkflows on(WorkflowClient client, DeliveryRepository deliveries) {
    return new DeliveryWorkflows(client, deliveries, TestTargets.policy());
  }
}
