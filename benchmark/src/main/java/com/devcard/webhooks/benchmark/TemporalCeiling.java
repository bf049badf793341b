package com.devcard.webhooks.benchmark;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Figure 1: completed workflows per second for a trivial workflow with one no-op activity, on the
 * same Temporal server and with the app's worker settings (pollers, workflow tasks, workflow code
 * and activities on virtual threads, 1000 concurrent activities) and its way of starting workflows
 * (8 starter threads).
 */
final class TemporalCeiling implements AutoCloseable {

  private static final String QUEUE = "benchmark-ceiling";
  private static final int STARTERS = 8;

  private final WorkflowClient client;
  private final WorkerFactory factory;

  TemporalCeiling(WorkflowClient client) {
    this.client = client;
    factory =
        WorkerFactory.newInstance(
            client, WorkerFactoryOptions.newBuilder().setUsingVirtualWorkflowThreads(true).build());
    Worker worker =
        factory.newWorker(
            QUEUE,
            WorkerOptions.newBuilder()
                // as the app's worker: pollers, workflow tasks and activities on virtual threads
                .setUsingVirtualThreadsOnWorkflowWorker(true)
                .setUsingVirtualThreadsOnActivityWorker(true)
                .setMaxConcurrentActivityExecutionSize(1000)
                .build());
    worker.registerWorkflowImplementationTypes(CeilingWorkflowImpl.class);
    worker.registerActivitiesImplementations(new NoOp());
    factory.start();
  }

  /** Starts the workflows and waits for the last to complete; workflows per second. */
  double round(int workflows) throws Exception {
    String prefix = "ceiling-" + UUID.randomUUID() + "-";
    long started = System.nanoTime();
    List<Future<?>> starts = new ArrayList<>();
    try (ExecutorService starters =
        Executors.newFixedThreadPool(STARTERS, Thread.ofVirtual().factory())) {
      for (int i = 0; i < workflows; i++) {
        String id = prefix + i;
        starts.add(
            starters.submit(
                () ->
                    WorkflowClient.start(
                        client.newWorkflowStub(
                                CeilingWorkflow.class,
                                WorkflowOptions.newBuilder()
                                    .setWorkflowId(id)
                                    .setTaskQueue(QUEUE)
                                    .build())
                            ::run,
                        id)));
      }
      for (Future<?> start : starts) {
        start.get();
      }
    }
    // In start order: most have finished by the time they are asked, so this adds little load.
    for (int i = 0; i < workflows; i++) {
      client.newUntypedWorkflowStub(prefix + i).getResult(String.class);
    }
    return workflows / Bench.seconds(System.nanoTime() - started);
  }

  @Override
  public void close() {
    factory.shutdownNow();
  }

  private static final class NoOp implements NoOpActivity {
    @Override
    public String noOp(String id) {
      return id;
    }
  }
}
