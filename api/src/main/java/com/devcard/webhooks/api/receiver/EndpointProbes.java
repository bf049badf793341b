package com.devcard.webhooks.api.receiver;

import com.devcard.webhooks.workflows.EndpointProbeInput;
import com.devcard.webhooks.workflows.EndpointProbeWorkflow;
import com.devcard.webhooks.workflows.TaskQueues;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The api's handle on recovery probes: one workflow per endpoint disabled for failing. */
@Component
public class EndpointProbes {

  private static final Logger log = LoggerFactory.getLogger(EndpointProbes.class);

  private final WorkflowClient client;

  EndpointProbes(WorkflowClient client) {
    this.client = client;
  }

  /**
   * Starts the endpoint's probe. True when it runs now (started, or one of the same endpoint still
   * running, which carries on with the delays it has left); false when Temporal is unreachable.
   */
  boolean start(EndpointProbeInput input) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(TaskQueues.endpointProbeWorkflowId(input.endpointId()))
            .setTaskQueue(TaskQueues.DELIVERY)
            // The endpoint may be disabled again after an earlier probe ended.
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .setStaticSummary(
                "probe "
                    + input.targetHost()
                    + " ("
                    + input.delays().size()
                    + " probes) for endpoint "
                    + input.endpointId())
            .build();
    try {
      WorkflowClient.start(
          client.newWorkflowStub(EndpointProbeWorkflow.class, options)::probe, input);
      log.info("probe of endpoint {} started", input.endpointId());
      return true;
    } catch (WorkflowExecutionAlreadyStarted running) {
      return true;
    } catch (WorkflowServiceException | StatusRuntimeException unreachable) {
      log.warn("probe of endpoint {} not started yet (Temporal unreachable)", input.endpointId());
      return false;
    }
  }

  /** Ends the endpoint's probe: it was deleted, or enabled by its owner. Best effort. */
  public void cancel(String endpointId) {
    try {
      client.newUntypedWorkflowStub(TaskQueues.endpointProbeWorkflowId(endpointId)).cancel();
    } catch (WorkflowNotFoundException none) {
      // No probe runs.
    } catch (WorkflowServiceException | StatusRuntimeException unreachable) {
      // Its next probe finds the endpoint no longer disabled for failing and ends.
      log.warn("probe of endpoint {} not cancelled now (Temporal unreachable)", endpointId);
    }
  }
}
