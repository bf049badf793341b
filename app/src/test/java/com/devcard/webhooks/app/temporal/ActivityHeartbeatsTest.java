package com.devcard.webhooks.app.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.testkit.TemporalServer;
import com.google.protobuf.util.Timestamps;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On a real Temporal server: a long activity stays with its worker while the worker reports it, and
 * goes to another worker soon after the reports stop (as when a process dies), long before its
 * start-to-close timeout.
 */
class ActivityHeartbeatsTest {

  private static final String QUEUE = "heartbeats-test";
  private static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration EVERY = Duration.ofMillis(300);

  /** Runs of the activity, on any worker; the first one blocks until the test releases it. */
  private final AtomicInteger runs = new AtomicInteger();

  private final CountDownLatch firstRunReleased = new CountDownLatch(1);

  private TemporalServer server;
  private WorkflowServiceStubs stubs;
  private WorkflowClient client;
  private final List<WorkerFactory> factories = new ArrayList<>();

  @BeforeEach
  void start() {
    server = TemporalServer.start(0, "default");
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(server.address()).build());
    client = WorkflowClient.newInstance(stubs);
  }

  @AfterEach
  void stop() {
    firstRunReleased.countDown();
    factories.forEach(WorkerFactory::shutdownNow);
    stubs.shutdownNow();
    server.close();
  }

  @Test
  void anActivityReportedAliveRunsPastItsHeartbeatTimeoutOnce() throws TimeoutException {
    startWorker(new ActivityHeartbeats(EVERY));
    String workflowId = startWorkflow();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> aliveFor(workflowId).compareTo(HEARTBEAT_TIMEOUT.multipliedBy(3)) > 0);
    firstRunReleased.countDown();

    assertThat(result(workflowId)).isEqualTo(1);
    assertThat(runs).hasValue(1);
  }

  @Test
  void anActivityWhoseReportsStopGoesToAnotherWorkerWithinItsHeartbeatTimeout()
      throws TimeoutException {
    ActivityHeartbeats dying = new ActivityHeartbeats(EVERY);
    startWorker(dying);
    String workflowId = startWorkflow();
    await().atMost(Duration.ofSeconds(20)).until(() -> runs.get() == 1);

    // The first worker stops reporting (its process is gone) with its activity still running.
    dying.close();
    factories.getFirst().suspendPolling();
    startWorker(new ActivityHeartbeats(EVERY));

    long started = System.nanoTime();
    assertThat(result(workflowId)).isEqualTo(2);
    // The start-to-close timeout is a minute: only the missed heartbeat can explain a second run.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
  }

  private void startWorker(ActivityHeartbeats heartbeats) {
    WorkerFactory factory =
        WorkerFactory.newInstance(
            client, WorkerFactoryOptions.newBuilder().setWorkerInterceptors(heartbeats).build());
    var worker = factory.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(OneActivity.class);
    worker.registerActivitiesImplementations(new BlockingActivityImpl(runs, firstRunReleased));
    factory.start();
    factories.add(factory);
  }

  private String startWorkflow() {
    String workflowId = "heartbeats-" + UUID.randomUUID();
    WorkflowClient.start(
        client.newWorkflowStub(
                OneActivityWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(workflowId).build())
            ::run);
    return workflowId;
  }

  private int result(String workflowId) throws TimeoutException {
    return client.newUntypedWorkflowStub(workflowId).getResult(30, TimeUnit.SECONDS, Integer.class);
  }

  /**
   * From the start of the pending activity's first run to its last heartbeat the server recorded;
   * zero before there is one.
   */
  private Duration aliveFor(String workflowId) {
    List<PendingActivityInfo> pending =
        stubs
            .blockingStub()
            .describeWorkflowExecution(
                DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace("default")
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                    .build())
            .getPendingActivitiesList();
    if (pending.isEmpty() || !pending.getFirst().hasLastHeartbeatTime()) {
      return Duration.ZERO;
    }
    PendingActivityInfo activity = pending.getFirst();
    assertThat(activity.getAttempt()).isEqualTo(1);
    return Duration.ofMillis(
        Timestamps.toMillis(activity.getLastHeartbeatTime())
            - Timestamps.toMillis(activity.getLastStartedTime()));
  }

  @WorkflowInterface
  public interface OneActivityWorkflow {
    @WorkflowMethod
    int run();
  }

  @ActivityInterface
  public interface BlockingActivity {
    int block();
  }

  /** Public with no arguments: the worker instantiates it. */
  public static class OneActivity implements OneActivityWorkflow {
    @Override
    public int run() {
      return Workflow.newActivityStub(
              BlockingActivity.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofMinutes(1))
                  .setHeartbeatTimeout(HEARTBEAT_TIMEOUT)
                  .setRetryOptions(
                      RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(100)).build())
                  .build())
          .block();
    }
  }

  record BlockingActivityImpl(AtomicInteger runs, CountDownLatch firstRunReleased)
      implements BlockingActivity {
    @Override
    public int block() {
      int run = runs.incrementAndGet();
      if (run == 1) {
        try {
          firstRunReleased.await();
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
        }
      }
      return run;
    }
  }
}
