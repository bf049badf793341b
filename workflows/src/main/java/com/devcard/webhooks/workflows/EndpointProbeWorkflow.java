package com.devcard.webhooks.workflows;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The recovery probe of one endpoint disabled for failing: after each of the probe delays, one
 * attempt on its oldest held delivery. A success enables the endpoint again; when the delays run
 * out it stays disabled. Cancelling the workflow (the endpoint deleted, or enabled by its owner)
 * ends it.
 */
@WorkflowInterface
public interface EndpointProbeWorkflow {

  @WorkflowMethod(name = "EndpointProbeWorkflow")
  ProbeResult probe(EndpointProbeInput input);
}
