package com.devcard.webhooks.workflows;

/** Names shared by the processes that start workflows and the workers that run them. */
public final class TaskQueues {

  /** The task queue of delivery, recovery and probe workflows and their activities. */
  public static final String DELIVERY = "webhook-delivery";

  /**
   * The express lane: the task queue of each user's first few unfinished delivery workflows (and
   * their activities, which run on their workflow's queue), polled by every worker next to {@link
   * #DELIVERY}. A user with little under way never waits behind another user's backlog there.
   */
  public static final String DELIVERY_EXPRESS = "webhook-delivery-express";

  private TaskQueues() {}

  /** The workflow id of a delivery: {@code delivery-<deliveryId>}. */
  public static String deliveryWorkflowId(String deliveryId) {
    return "delivery-" + deliveryId;
  }

  /** The workflow id of an endpoint's recovery probe: {@code endpoint-probe-<endpointId>}. */
  public static String endpointProbeWorkflowId(String endpointId) {
    return "endpoint-probe-" + endpointId;
  }

  /** The workflow id of a bulk recovery: {@code recovery-<recoveryId>}. */
  public static String recoveryWorkflowId(String recoveryId) {
    return "recovery-" + recoveryId;
  }
}
