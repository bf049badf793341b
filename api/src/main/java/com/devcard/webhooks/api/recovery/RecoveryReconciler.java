package com.devcard.webhooks.api.recovery;

import com.devcard.webhooks.api.sweep.Sweeps;
import com.devcard.webhooks.delivery.RecoveryState;
import com.devcard.webhooks.store.recovery.Recovery;
import com.devcard.webhooks.store.recovery.RecoveryRepository;
import com.devcard.webhooks.store.sweep.Sweep;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowServiceException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL says which recoveries are running; this keeps Temporal in line with it, at startup and
 * every {@code WEBHOOKS_RECONCILER_RECOVERIES_EVERY}. A running recovery without a workflow
 * (Temporal was down when it was created, or lost its state: the dev profile's in-memory server
 * after a restart) is started again at its first pending item; one whose workflow was cancelled or
 * terminated in the Temporal UI, without its cleanup running, is marked cancelled. However many api
 * processes there are, the sweep runs in one of them at a time.
 */
@Component
class RecoveryReconciler implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(RecoveryReconciler.class);
  private static final int BATCH = 100;

  private final RecoveryRepository recoveries;
  private final RecoveryWorkflows workflows;
  private final Sweeps sweeps;
  private final RecoveryReconcilerProperties schedule;

  RecoveryReconciler(
      RecoveryRepository recoveries,
      RecoveryWorkflows workflows,
      Sweeps sweeps,
      RecoveryReconcilerProperties schedule) {
    this.recoveries = recoveries;
    this.workflows = workflows;
    this.sweeps = sweeps;
    this.schedule = schedule;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(
        new FixedDelayTask(this::sweep, schedule.recoveriesEvery(), schedule.recoveriesEvery()));
  }

  @EventListener(ApplicationReadyEvent.class)
  void sweepAtStartup() {
    sweep();
  }

  void sweep() {
    sweeps.runAlone(Sweep.RUNNING_RECOVERIES, this::checkRunning);
  }

  private void checkRunning() {
    Optional<String> after = Optional.empty();
    List<Recovery> batch;
    do {
      batch = recoveries.runningAfter(after, BATCH);
      for (Recovery recovery : batch) {
        if (!reconcile(recovery)) {
          return; // Temporal is unreachable: try again on the next run.
        }
      }
      after = batch.isEmpty() ? after : Optional.of(batch.get(batch.size() - 1).id());
    } while (batch.size() == BATCH);
  }

  /** False when Temporal could not be reached. */
  private boolean reconcile(Recovery recovery) {
    Optional<WorkflowExecutionStatus> status;
    try {
      status = workflows.status(recovery.id());
    } catch (WorkflowServiceException | StatusRuntimeException unreachable) {
      log.warn("reconciler: Temporal unreachable; recoveries not checked", unreachable);
      return false;
    }
    if (status.isEmpty()) {
      int next = recoveries.firstPendingPosition(recovery.id());
      log.info("recovery {} has no workflow; starting it at item {}", recovery.id(), next);
      return workflows.start(recovery, next);
    }
    switch (status.get()) {
      case WORKFLOW_EXECUTION_STATUS_COMPLETED -> end(recovery, RecoveryState.COMPLETED);
      case WORKFLOW_EXECUTION_STATUS_CANCELED,
          WORKFLOW_EXECUTION_STATUS_TERMINATED,
          WORKFLOW_EXECUTION_STATUS_FAILED,
          WORKFLOW_EXECUTION_STATUS_TIMED_OUT ->
          end(recovery, RecoveryState.CANCELLED);
      default -> {
        // Running, or continued as new: nothing to do.
      }
    }
    return true;
  }

  private void end(Recovery recovery, RecoveryState state) {
    recoveries.finish(recovery.id(), state);
    log.info(
        "recovery {} workflow already closed; recovery marked {}",
        recovery.id(),
        state.wireValue());
  }
}
