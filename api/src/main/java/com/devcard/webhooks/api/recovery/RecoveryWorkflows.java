package com.devcard.webhooks.api.recovery;

import com.devcard.webhooks.store.recovery.Recovery;
import com.devcard.webhooks.workflows.RecoveryWorkflow;
import com.devcard.webhooks.workflows.RecoveryWorkflowInput;
import com.devcard.webhooks.workflows.TaskQueues;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The api's handle on recovery workflows. Temporal being unreachable never fails the caller: the
 * recovery is in the store, and {@link RecoveryReconciler} starts its workflow later.
 */
@Component
public class RecoveryWorkflows {

  private static final Logger log = LoggerFactory.getLogger(RecoveryWorkflows.class);

  private final WorkflowClient client;

  RecoveryWorkflows(WorkflowClient client) {
    this.client = client;
  }

  /**
   * Starts the recovery's workflow at {@code nextPosition}. True when it runs now (started, or
   * already running); false when Temporal could not be reached.
   */
  public boolean start(Recovery recovery, int nextPosition) {
    RecoveryWorkflowInput input =
        new RecoveryWorkflowInput(
            recovery.id(),
            recovery.total(),
            recovery.ratePerSecond(),
            nextPosition,
            // A release keeps the held deliveries' order: one at a time.
            recovery.release());
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(TaskQueues.recoveryWorkflowId(recovery.id()))
            .setTaskQueue(TaskQueues.DELIVERY)
            // A recovery id runs once: a closed one is never run again under the same id.
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setStaticSummary(summary(recovery))
            .build();
    try {
      WorkflowClient.start(client.newWorkflowStub(RecoveryWorkflow.class, options)::recover, input);
      return true;
    } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
      return true;
    } catch (WorkflowServiceException | StatusRuntimeException unreachable) {
      log.warn(
          "recovery {} not started yet (Temporal unreachable); the reconciler will start it",
          recovery.id(),
          unreachable);
      return false;
    }
  }

  /** Asks the workflow to stop. Best effort: the store already says cancelled. */
  void cancel(String recoveryId) {
    try {
      client.newUntypedWorkflowStub(TaskQueues.recoveryWorkflowId(recoveryId)).cancel();
    } catch (WorkflowNotFoundException finished) {
      // Nothing to stop.
    } catch (WorkflowServiceException | StatusRuntimeException unreachable) {
      // Its next item finds the recovery cancelled and stops the workflow.
      log.warn(
          "recovery {} workflow not cancelled now (Temporal unreachable); it stops at its next"
              + " item",
          recoveryId,
          unreachable);
    }
  }

  /**
   * The status of the recovery's latest run; empty when Temporal has no such workflow.
   *
   * @throws WorkflowServiceException when Temporal cannot be reached
   */
  Optional<WorkflowExecutionStatus> status(String recoveryId) {
    try {
      return Optional.of(
          client
              .newUntypedWorkflowStub(TaskQueues.recoveryWorkflowId(recoveryId))
              .describe()
              .getStatus());
    } catch (WorkflowNotFoundException missing) {
      return Optional.empty();
    }
  }

  private static String summary(Recovery recovery) {
    if (recovery.release()) {
      return "release "
          + recovery.total()
          + " held deliveries in order at "
          + recovery.ratePerSecond()
          + "/s for endpoint "
          + recovery.endpointId();
    }
    StringBuilder summary =
        new StringBuilder("recover ")
            .append(recovery.total())
            .append(" failed deliveries at ")
            .append(recovery.ratePerSecond())
            .append("/s");
    if (recovery.endpointId() != null) {
      summary.append(" for endpoint ").append(recovery.endpointId());
    } else if (recovery.userId() != null) {
      summary.append(" for user ").append(recovery.userId());
    }
    return summary.toString();
  }
}
