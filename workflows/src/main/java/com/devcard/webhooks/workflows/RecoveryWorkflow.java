package com.devcard.webhooks.workflows;

import com.devcard.webhooks.delivery.RecoveryState;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** A bulk recovery: one paced manual attempt for each delivery of a snapshot. */
@WorkflowInterface
public interface RecoveryWorkflow {

  /**
   * Recovers the items from {@code input.nextPosition()} to {@code input.total()}, at most {@code
   * input.ratePerSecond()} started per second. Cancelling the workflow ends the recovery {@code
   * cancelled}.
   */
  @WorkflowMethod(name = "RecoveryWorkflow")
  RecoveryState recover(RecoveryWorkflowInput input);
}
