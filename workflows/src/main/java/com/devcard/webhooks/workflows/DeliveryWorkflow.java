package com.devcard.webhooks.workflows;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One delivery: its scheduled attempts and the waits between them. */
@WorkflowInterface
public interface DeliveryWorkflow {

  /** Runs attempts until one succeeds, the endpoint goes away, or the schedule is used up. */
  @WorkflowMethod(name = "DeliveryWorkflow")
  DeliveryStatus deliver(DeliveryWorkflowInput input);

  /** Ends the current wait early: the next attempt starts now. No effect while not waiting. */
  @SignalMethod(name = "retryNow")
  void retryNow();
}
