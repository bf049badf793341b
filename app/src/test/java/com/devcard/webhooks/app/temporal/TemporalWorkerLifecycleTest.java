package com.devcard.webhooks.app.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.testkit.FreePorts;
import com.devcard.webhooks.testkit.TemporalServer;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
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

  @Test
  void aWorkerStartedWhileTemporalIsAwayStartsPollingOnceItAnswers() {
    int port = FreePorts.next();
    WorkflowServiceStubs laterStubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
    WorkerFactory laterFactory = WorkerFactory.newInstance(WorkflowClient.newInstance(laterStubs));
    laterFactory.newWorker("lifecycle-test");
    TemporalWorkerLifecycle waiting = new TemporalWorkerLifecycle(laterFactory);
    try {
      waiting.start();
      assertThat(waiting.isRunning()).isTrue();
      assertThat(laterFactory.isStarted()).isFalse();

      TemporalServer server = TemporalServer.start(port, "default");
      try {
        await().atMost(Duration.ofSeconds(30)).until(laterFactory::isStarted);
        waiting.stop();
      } finally {
        server.close();
      }
      assertThat(laterFactory.isShutdown()).isTrue();
    } finally {
      laterStubs.shutdownNow();
    }
  }
}
