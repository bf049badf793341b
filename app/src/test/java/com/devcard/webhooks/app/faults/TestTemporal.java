package com.devcard.webhooks.app.faults;

import com.devcard.webhooks.testkit.FreePorts;
import com.devcard.webhooks.testkit.TemporalServerProcess;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.Optional;

/**
 * Temporal's in-memory server on a fixed port, in a process of its own that the test owns: it
 * outlives a killed app, and a restart kills it with SIGKILL and starts an empty one, as a crashed
 * in-memory server would come back.
 */
final class TestTemporal implements AutoCloseable {

  private final TemporalServerProcess server;

  private TestTemporal(TemporalServerProcess server) {
    this.server = server;
  }

  static TestTemporal start() {
    return new TestTemporal(TemporalServerProcess.start(FreePorts.next()));
  }

  String address() {
    return server.address();
  }

  /** Kills the server, losing every workflow, and starts an empty one on the same port. */
  void restart() {
    server.restart();
  }

  /**
   * The status of a workflow on the server running now; empty when this server never heard of it.
   */
  Optional<WorkflowExecutionStatus> statusOf(String workflowId) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(address()).build());
    try {
      return Optional.of(
          WorkflowClient.newInstance(stubs)
              .newUntypedWorkflowStub(workflowId)
              .describe()
              .getStatus());
    } catch (WorkflowNotFoundException unknown) {
      return Optional.empty();
    } finally {
      stubs.shutdown();
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
