package com.devcard.webhooks.workflows;

import com.devcard.webhooks.delivery.DeliveryStatus;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One delivery: its scheduled attempts and the waits between them. */
@WorkflowInterface
public interface DeliveryWorkflow {

  /** Runs attempts until one succeeds, the endpoint goes away, or the schedule is used up. */
  @WorkflowMethod(name = "DeliveryWorkflow")
  DeliveryStatus deliver(DeliveryWorkflowInput input);

  /**
   * Ends the current wait early: the next attempt starts now. Sent while an attempt runs, it ends
   * the wait after that attempt before it begins (after the last scheduled attempt, when that one
   * fails, one manual attempt follows). Several before the same attempt count as one.
   */
  @SignalMethod(name = "retryNow")
  void retryNow();
}
