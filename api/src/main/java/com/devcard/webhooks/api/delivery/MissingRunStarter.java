package com.devcard.webhooks.api.delivery;

import com.devcard.webhooks.api.delivery.DeliveryWorkflowClient.StartResult;
import com.devcard.webhooks.delivery.DeliveryMdc;
import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.store.delivery.CancelReopenRepository;
import com.devcard.webhooks.store.delivery.Delivery;
import com.devcard.webhooks.store.delivery.DeliveryLogRepository;
import com.devcard.webhooks.store.delivery.PendingDelivery;
import com.devcard.webhooks.store.delivery.PendingDeliveryRepository;
import com.devcard.webhooks.workflows.DeliveryWorkflowInput;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowServiceException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Brings Temporal in line with what the store owes one pending delivery: the run of its schedule,
 * or, after "retry" on a finished delivery, the run of one manual attempt.
 *
 * <p>A run an operator terminated or cancelled in the Temporal UI ends the delivery {@code
 * cancelled} instead of being started again: schedule runs are started with {@code
 * REJECT_DUPLICATE}, and a refused start is followed by a look at how the latest run ended.
 */
@Component
class MissingRunStarter {

  /**
   * A manual attempt younger than this is being started by the "retry" request that asked for it;
   * only after it does the reconciler step in, so the two never both start one.
   */
  static final Duration MANUAL_ATTEMPT_GRACE = Duration.ofSeconds(30);

  /**
   * How long a manual attempt's start waits for a run of its delivery that is still closing; well
   * inside {@link #MANUAL_ATTEMPT_GRACE}, so that the reconciler never starts one as well.
   */
  static final Duration CLOSING_RUN_WAIT = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(MissingRunStarter.class);
  private static final WorkflowIdReusePolicy REJECT_DUPLICATE =
      WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE;
  private static final WorkflowIdReusePolicy ALLOW_DUPLICATE =
      WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE;

  private final DeliveryLogRepository deliveryLog;
  private final PendingDeliveryRepository pending;
  private final CancelReopenRepository cancellations;
  private final DeliveryWorkflowClient workflows;

  MissingRunStarter(
      DeliveryLogRepository deliveryLog,
      PendingDeliveryRepository pending,
      CancelReopenRepository cancellations,
      DeliveryWorkflowClient workflows) {
    this.deliveryLog = deliveryLog;
    this.pending = pending;
    this.cancellations = cancellations;
    this.workflows = workflows;
  }

  /**
   * Makes sure the run the delivery is owed exists. Returns false when Temporal could not be
   * reached, so a sweep can stop early.
   */
  boolean reconcile(PendingDelivery pending) {
    return DeliveryMdc.with(pending.delivery().id(), () -> reconcileNow(pending));
  }

  private boolean reconcileNow(PendingDelivery snapshot) {
    // A sweep's batch can be seconds old when a delivery's turn comes (Temporal slow, or just
    // back after losing its state): act on the delivery as it is now, so that a run never starts
    // from an outdated place in the schedule, nor for a delivery that has finished meanwhile.
    Optional<PendingDelivery> current = this.pending.findPending(snapshot.delivery().id());
    if (current.isEmpty()) {
      return true;
    }
    PendingDelivery pending = current.get();
    try {
      if (pending.manualAttemptOwed()) {
        return reconcileManualAttempt(pending);
      }
      return switch (workflows.startRun(scheduleInput(pending), REJECT_DUPLICATE)) {
        case STARTED -> markStarted(pending);
        case EXISTS -> afterRefusedStart(pending);
        case UNREACHABLE -> false;
      };
    } catch (WorkflowServiceException | StatusRuntimeException unreachable) {
      // Only Temporal failing is "try again later"; anything else is not the sweep's to hide.
      log.warn("reconciler: Temporal unreachable; the sweep stops here", unreachable);
      return false;
    }
  }

  /**
   * Starts the run of the manual attempt "retry" just asked for. A run of the same delivery that is
   * still finishing (the schedule's last attempt was recorded, its run not yet closed) holds the
   * workflow id for a moment: then the start is made once that run has closed, off the caller's
   * thread, which returns at once ({@code EXISTS}). Should it still not start, the reconciler
   * starts it after {@link #MANUAL_ATTEMPT_GRACE}.
   */
  StartResult startManualAttempt(PendingDelivery pending) {
    StartResult result = workflows.startRun(manualInput(pending), ALLOW_DUPLICATE);
    if (result == StartResult.STARTED) {
      markStarted(pending);
    } else if (result == StartResult.EXISTS) {
      String deliveryId = pending.delivery().id();
      workflows.afterRunCloses(
          deliveryId, CLOSING_RUN_WAIT, () -> startOwedManualAttempt(deliveryId));
    }
    return result;
  }

  /** The manual attempt's start after the run that held the workflow id closed. */
  private void startOwedManualAttempt(String deliveryId) {
    // As the delivery is now: cancelled meanwhile, it is owed nothing.
    Optional<PendingDelivery> owed =
        this.pending
            .findPending(deliveryId)
            .filter(pending -> pending.manualAttemptOwed() && !pending.workflowStarted());
    if (owed.isEmpty()) {
      return;
    }
    StartResult result = workflows.startRun(manualInput(owed.get()), ALLOW_DUPLICATE);
    if (result == StartResult.STARTED) {
      markStarted(owed.get());
    } else {
      log.warn("manual attempt not started ({}); the reconciler starts it", result);
    }
  }

  private boolean reconcileManualAttempt(PendingDelivery pending) {
    Instant requestedAt = pending.manualAttemptRequestedAt();
    if (requestedAt.isAfter(Instant.now().minus(MANUAL_ATTEMPT_GRACE))) {
      return true;
    }
    if (pending.workflowStarted()) {
      Optional<WorkflowExecutionStatus> latest = workflows.latestRun(pending.delivery().id());
      if (latest.isPresent() && isRunning(latest.get())) {
        return true;
      }
      if (latest.isPresent() && isStoppedByOperator(latest.get())) {
        // The manual attempt's run was terminated: no workflow code ran to record it.
        if (cancellations.cancelByOperator(pending.delivery().id())) {
          log.info("manual attempt's workflow run {}: delivery cancelled", latest.get());
        }
        return true;
      }
    }
    return switch (workflows.startRun(manualInput(pending), ALLOW_DUPLICATE)) {
      // EXISTS: some run is running. Should it be one still finishing, not the manual attempt's,
      // the next sweep finds it closed and starts the manual attempt.
      case STARTED, EXISTS -> markStarted(pending);
      case UNREACHABLE -> false;
    };
  }

  private boolean afterRefusedStart(PendingDelivery pending) {
    String deliveryId = pending.delivery().id();
    Optional<WorkflowExecutionStatus> latest = workflows.latestRun(deliveryId);
    if (latest.isEmpty()) {
      return true; // gone between the two calls: the next sweep starts it
    }
    if (isRunning(latest.get())) {
      return markStarted(pending);
    }
    if (isStoppedByOperator(latest.get())) {
      // Terminated in the Temporal UI (no workflow code ran), or cancelled before it could record
      // it: the operator meant to stop this delivery.
      if (cancellations.cancelScheduleByOperator(deliveryId)) {
        log.info("workflow run {} by an operator: delivery cancelled", latest.get());
      }
      return true;
    }
    // The run ended while attempts are still owed. Carry on, unless the delivery changed since it
    // was read: then the run ended because the delivery finished.
    Optional<Delivery> now = deliveryLog.findById(deliveryId);
    if (now.isPresent()
        && now.get().status() == DeliveryStatus.PENDING
        && now.get().updatedAt().equals(pending.delivery().updatedAt())) {
      log.warn("workflow run {} while the delivery is pending: carrying on", latest.get());
      StartResult restarted = workflows.startRun(scheduleInput(pending), ALLOW_DUPLICATE);
      return restarted == StartResult.UNREACHABLE ? false : markStarted(pending);
    }
    return true;
  }

  private boolean markStarted(PendingDelivery pending) {
    if (!pending.workflowStarted()) {
      workflows.markStarted(List.of(pending.delivery().id()));
    }
    return true;
  }

  private static boolean isRunning(WorkflowExecutionStatus status) {
    return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  private static boolean isStoppedByOperator(WorkflowExecutionStatus status) {
    return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED
        || status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED;
  }

  /** Carries on the schedule: the attempts already made count, the next one keeps its time. */
  DeliveryWorkflowInput scheduleInput(PendingDelivery pending) {
    Delivery delivery = pending.delivery();
    Duration firstWait = Duration.ZERO;
    if (delivery.nextRetryAt() != null) {
      Duration untilRetry = Duration.between(Instant.now(), delivery.nextRetryAt());
      firstWait = untilRetry.isNegative() ? Duration.ZERO : untilRetry;
    }
    int attemptsMade = Math.min(delivery.attempts(), pending.retryDelays().size());
    return new DeliveryWorkflowInput(
        delivery.id(),
        delivery.userId(),
        delivery.endpointId(),
        delivery.eventType(),
        workflows.targetHost(pending.endpointUrl()),
        pending.retryDelays(),
        attemptsMade,
        firstWait);
  }

  private DeliveryWorkflowInput manualInput(PendingDelivery pending) {
    Delivery delivery = pending.delivery();
    return DeliveryWorkflowInput.manualAttempt(
        delivery.id(),
        delivery.userId(),
        delivery.endpointId(),
        delivery.eventType(),
        workflows.targetHost(pending.endpointUrl()),
        pending.retryDelays(),
        delivery.attempts());
  }
}
