package com.devcard.webhooks.api.delivery;

import com.devcard.webhooks.delivery.DeliveryMdc;
import com.devcard.webhooks.netguard.TargetPolicy;
import com.devcard.webhooks.store.delivery.PendingDeliveryRepository;
import com.devcard.webhooks.workflows.DeliverySearchAttributes;
import com.devcard.webhooks.workflows.DeliveryWorkflow;
import com.devcard.webhooks.workflows.DeliveryWorkflowInput;
import com.devcard.webhooks.workflows.TaskQueues;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The api's handle on delivery workflows: start a run, cancel, ask for a retry now. Temporal being
 * unreachable never fails the caller: admission and the reconciler start what could not be. Log
 * lines about one delivery carry its id in the MDC ({@code deliveryId}).
 */
@Component
public class DeliveryWorkflowClient implements DisposableBean {

  /** Waits for closing runs queued at once; past this, the reconciler catches up. */
  static final int START_QUEUE = 10_000;

  static final int START_THREADS = 8;

  private static final Logger log = LoggerFactory.getLogger(DeliveryWorkflowClient.class);

  /** What starting a run came to. */
  enum StartResult {
    STARTED,
    /** A run with this id exists: running, or (under REJECT_DUPLICATE) closed. */
    EXISTS,
    UNREACHABLE
  }

  enum SignalResult {
    SIGNALLED,
    /** No run of the delivery is running. */
    NOT_RUNNING,
    UNREACHABLE
  }

  private final WorkflowClient client;
  private final PendingDeliveryRepository pending;
  private final TargetPolicy targetPolicy;
  private final ThreadPoolExecutor starter;

  DeliveryWorkflowClient(
      WorkflowClient client, PendingDeliveryRepository pending, TargetPolicy targetPolicy) {
    this.client = client;
    this.pending = pending;
    this.targetPolicy = targetPolicy;
    this.starter =
        new ThreadPoolExecutor(
            START_THREADS,
            START_THREADS,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(START_QUEUE),
            Thread.ofVirtual().name("workflow-start-", 0).factory(),
            new ThreadPoolExecutor.DiscardPolicy());
  }

  /**
   * Starts the first run of a delivery's workflow. True when a run exists now (started, or one was
   * already there); false when Temporal could not be reached.
   */
  public boolean start(DeliveryWorkflowInput input) {
    return startRun(input, WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        != StartResult.UNREACHABLE;
  }

  /**
   * Starts a run of the delivery's workflow. The dispatcher and the reconciler use {@code
   * REJECT_DUPLICATE}, so that a run an operator terminated or cancelled is never silently started
   * again; a manual attempt, or a run replacing one that ended while the store still owes attempts,
   * uses {@code ALLOW_DUPLICATE}. Either way at most one run of a delivery runs at a time.
   */
  StartResult startRun(DeliveryWorkflowInput input, WorkflowIdReusePolicy reusePolicy) {
    return startRun(input, reusePolicy, TaskQueues.DELIVERY);
  }

  /** {@link #startRun(DeliveryWorkflowInput, WorkflowIdReusePolicy)} on the given task queue. */
  StartResult startRun(
      DeliveryWorkflowInput input, WorkflowIdReusePolicy reusePolicy, String taskQueue) {
    String summary =
        input.eventType()
            + " to "
            + input.targetHost()
            + (input.oneManualAttempt() ? " (manual attempt)" : "");
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(TaskQueues.deliveryWorkflowId(input.deliveryId()))
            .setTaskQueue(taskQueue)
            .setWorkflowIdReusePolicy(reusePolicy)
            .setTypedSearchAttributes(DeliverySearchAttributes.atStart(input))
            .setStaticSummary(summary)
            .build();
    return DeliveryMdc.with(input.deliveryId(), () -> start(options, input, summary));
  }

  private StartResult start(WorkflowOptions options, DeliveryWorkflowInput input, String summary) {
    try {
      WorkflowClient.start(client.newWorkflowStub(DeliveryWorkflow.class, options)::deliver, input);
      log.info("workflow run started: {}", summary);
      return StartResult.STARTED;
    } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
      return StartResult.EXISTS;
    } catch (WorkflowServiceException | StatusRuntimeException unreachable) {
      log.warn(
          "delivery {} not started yet (Temporal unreachable); the reconciler will start it",
          input.deliveryId(),
          unreachable);
      return StartResult.UNREACHABLE;
    }
  }

  /**
   * The status of the delivery's latest workflow run; empty when Temporal has none.
   *
   * @throws WorkflowServiceException when Temporal cannot be reached
   */
  Optional<WorkflowExecutionStatus> latestRun(String deliveryId) {
    try {
      return Optional.of(
          client
              .newUntypedWorkflowStub(TaskQueues.deliveryWorkflowId(deliveryId))
              .describe()
              .getStatus());
    } catch (WorkflowNotFoundException none) {
      return Optional.empty();
    }
  }

  /**
   * Runs {@code start} on a thread of this class, so that a dispatch never waits on Temporal. Not
   * run at all when the queue is full: what it would have started stays for admission.
   */
  void startSoon(Runnable start) {
    starter.execute(start);
  }

  /**
   * Runs {@code then} once the delivery's running run has closed, or once {@code atMost} has
   * passed, on a thread of this class: no thread waits meanwhile (Temporal's long poll does). Not
   * run at all when Temporal cannot be reached or the queue is full; the reconciler catches up.
   */
  void afterRunCloses(String deliveryId, Duration atMost, Runnable then) {
    try {
      client
          .newUntypedWorkflowStub(TaskQueues.deliveryWorkflowId(deliveryId))
          .getResultAsync(atMost.toMillis(), TimeUnit.MILLISECONDS, Object.class)
          // closed however it ended, or still open after atMost: either way, go on
          .handleAsync((result, endedOrTimedOut) -> afterClose(deliveryId, then), starter);
    } catch (RuntimeException unreachable) {
      log.warn(
          "delivery {}: not waiting for its run to close (Temporal: {})",
          deliveryId,
          unreachable.getClass().getSimpleName());
    }
  }

  private static Void afterClose(String deliveryId, Runnable then) {
    DeliveryMdc.run(
        deliveryId,
        () -> {
          try {
            then.run();
          } catch (RuntimeException failure) {
            log.warn("after its run closed: failed ({})", failure.getClass().getSimpleName());
          }
        });
    return null;
  }

  /** Ends the current wait of a delivery's running workflow: its next attempt starts now. */
  SignalResult retryNow(String deliveryId) {
    try {
      client
          .newWorkflowStub(DeliveryWorkflow.class, TaskQueues.deliveryWorkflowId(deliveryId))
          .retryNow();
      return SignalResult.SIGNALLED;
    } catch (WorkflowNotFoundException notRunning) {
      return SignalResult.NOT_RUNNING;
    } catch (WorkflowServiceException | StatusRuntimeException unreachable) {
      log.warn("retry not signalled (Temporal unreachable)", unreachable);
      return SignalResult.UNREACHABLE;
    }
  }

  /** Cancels the workflows of deliveries the store has just marked cancelled. Best effort. */
  public void cancel(Collection<String> deliveryIds) {
    for (String deliveryId : deliveryIds) {
      DeliveryMdc.run(deliveryId, () -> cancel(deliveryId));
    }
  }

  private void cancel(String deliveryId) {
    try {
      client.newUntypedWorkflowStub(TaskQueues.deliveryWorkflowId(deliveryId)).cancel();
      log.info("workflow cancel requested");
    } catch (WorkflowNotFoundException finished) {
      // Nothing to stop.
    } catch (WorkflowServiceException | StatusRuntimeException unreachable) {
      // Its next attempt finds the delivery cancelled and sends nothing.
      log.warn(
          "delivery {} workflow not cancelled now (Temporal unreachable); it stops at its next"
              + " attempt",
          deliveryId,
          unreachable);
    }
  }

  @Override
  public void destroy() throws InterruptedException {
    starter.shutdown();
    starter.awaitTermination(10, TimeUnit.SECONDS);
  }

  void markStarted(List<String> deliveryIds) {
    if (!deliveryIds.isEmpty()) {
      pending.markWorkflowStarted(deliveryIds);
    }
  }

  String targetHost(String url) {
    return targetPolicy.host(url).orElse("unknown host");
  }
}
