package com.devcard.webhooks.benchmark;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The reference workload: one workflow, one activity that does nothing. Public for Temporal. */
@WorkflowInterface
public interface CeilingWorkflow {

  @WorkflowMethod
  String run(String id);
}
