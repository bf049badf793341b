package com.devcard.webhooks.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class TemporalServerTest {

  private static final String TASK_QUEUE = "temporal-server-test";

  @WorkflowInterface
  public interface Waiting {
    @WorkflowMethod
    String waitAMinute();
  }

  public static class WaitingImpl implements Waiting {
    @Override
    public String waitAMinute() {
      Workflow.sleep(Duration.ofMinutes(1));
      return "done";
    }
  }

  @Test
  void timersFireWhenTheyAreDueNotAsSoonAsNothingElseIsRunning() throws Exception {
    try (TemporalServer server = TemporalServer.start(0, "default")) {
      WorkflowServiceStubs service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(server.address()).build());
      WorkerFactory workers = null;
      try {
        WorkflowClient client =
            WorkflowClient.newInstance(
                service, WorkflowClientOptions.newBuilder().setNamespace("default").build());
        workers = WorkerFactory.newInstance(client);
        workers.newWorker(TASK_QUEUE).registerWorkflowImplementationTypes(WaitingImpl.class);
        workers.start();
        Waiting waiting =
            client.newWorkflowStub(
                Waiting.class, WorkflowOptions.newBuilder().setTaskQueue(TASK_QUEUE).build());
        WorkflowStub stub = WorkflowStub.fromTyped(waiting);

        WorkflowClient.start(waiting::waitAMinute);

        // A server that skipped time would have ended the minute's wait at once.
        assertThatThrownBy(() -> stub.getResult(3, TimeUnit.SECONDS, String.class))
            .isInstanceOf(TimeoutException.class);
        assertThat(stub.describe().getWorkflowExecutionInfo().getStatus().name())
            .isEqualTo("WORKFLOW_EXECUTION_STATUS_RUNNING");
      } finally {
        if (workers != null) {
          workers.shutdownNow();
        }
        service.shutdownNow();
      }
    }
  }
}
