package com.devcard.webhooks.workflows;

import java.time.Duration;
import java.util.List;

/**
 * What a delivery workflow is started with: ids, the event type, the target host and the retry
 * schedule captured at dispatch. Never a secret, never the payload: this record lands in history.
 *
 * @param retryDelays the waits between attempts; their count plus one is the number of scheduled
 *     attempts
 * @param attemptsMade attempts already recorded before this execution started (non-zero when the
 *     reconciler restarts a delivery whose workflow was lost)
 * @param firstWait how long to wait before the first attempt of this execution
 */
public record DeliveryWorkflowInput(
    String deliveryId,
    String userId,
    String endpointId,
    String eventType,
    String targetHost,
    List<Duration> retryDelays,
    int attemptsMade,
    Duration firstWait) {

  public DeliveryWorkflowInput {
    // a negative count would make the workflow index the schedule at -1 and fail every task
    if (attemptsMade < 0) {
      throw new IllegalArgumentException("attemptsMade must not be negative: " + attemptsMade);
    }
    retryDelays = List.copyOf(retryDelays);
    firstWait = firstWait == null ? Duration.ZERO : firstWait;
  }

  /** A delivery that has not been attempted yet. */
  public static DeliveryWorkflowInput fresh(
      String deliveryId,
      String userId,
      String endpointId,
      String eventType,
      String targetHost,
      List<Duration> retryDelays) {
    return new DeliveryWorkflowInput(
        deliveryId, userId, endpointId, eventType, targetHost, retryDelays, 0, Duration.ZERO);
  }
}
