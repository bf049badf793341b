package com.devcard.webhooks.app.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TemporalWorkerLifecycleTest {

  // Connects lazily: nothing here reaches a server.
  private final WorkflowServiceStubs stubs =
      WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:1").build());
  private final WorkerFactory factory =
      WorkerFactory.newInstance(WorkflowClient.newInstance(stubs));
  private final TemporalWorkerLifecycle lifecycle = new TemporalWorkerLifecycle(factory);

  @AfterEach
  void close() {
    stubs.shutdownNow();
  }

  @Test
  void startedAgainAfterAStopTheWorkerStaysStoppedWithoutFailingTheContext() {
    // A context stopped and started again (the test framework pauses the contexts it caches):
    // the factory cannot start twice, which is neither Temporal being away nor worth a retry.
    lifecycle.stop();

    assertThatCode(lifecycle::start).doesNotThrowAnyException();
    assertThat(factory.isShutdown()).isTrue();
  }
}
