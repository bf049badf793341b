package com.devcard.webhooks.benchmark;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** Calls the no-op activity once, with the delivery workflow's activity timeout. */
public class CeilingWorkflowImpl implements CeilingWorkflow {

  private final NoOpActivity activity =
      Workflow.newActivityStub(
          NoOpActivity.class,
          ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofMinutes(2)).build());

  @Override
  public String run(String id) {
    return activity.noOp(id);
  }
}
