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
 * @param oneManualAttempt this run makes exactly one attempt, at once, triggered by "retry" on a
 *     finished delivery, and then ends; the schedule is not resumed. Absent from histories recorded
 *     before it existed, where it reads as {@code false}.
 */
public record DeliveryWorkflowInput(
    String deliveryId,
    String userId,
    String endpointId,
    String eventType,
    String targetHost,
    List<Duration> retryDelays,
    int attemptsMade,
    Duration firstWait,
    boolean oneManualAttempt) {

  public DeliveryWorkflowInput {
    // a negative count would make the workflow index the schedule at -1 and fail every task
    if (attemptsMade < 0) {
      throw new IllegalArgumentException("attemptsMade must not be negative: " + attemptsMade);
    }
    retryDelays = List.copyOf(retryDelays);
    firstWait = firstWait == null ? Duration.ZERO : firstWait;
  }

  /** A run of the schedule, carrying on after {@code attemptsMade} recorded attempts. */
  public DeliveryWorkflowInput(
      String deliveryId,
      String userId,
      String endpointId,
      String eventType,
      String targetHost,
      List<Duration> retryDelays,
      int attemptsMade,
      Duration firstWait) {
    this(
        deliveryId,
        userId,
        endpointId,
        eventType,
        targetHost,
        retryDelays,
        attemptsMade,
        firstWait,
        false);
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

  /** One manual attempt for a finished delivery, appended to its log. */
  public static DeliveryWorkflowInput manualAttempt(
      String deliveryId,
      String userId,
      String endpointId,
      String eventType,
      String targetHost,
      List<Duration> retryDelays,
      int attemptsMade) {
    return new DeliveryWorkflowInput(
        deliveryId,
        userId,
        endpointId,
        eventType,
        targetHost,
        retryDelays,
        attemptsMade,
        Duration.ZERO,
        true);
  }
}
