package com.devcard.webhooks.api.delivery;

import com.devcard.webhooks.api.delivery.DeliveryWorkflowClient.StartResult;
import com.devcard.webhooks.api.sweep.Sweeps;
import com.devcard.webhooks.store.delivery.DeliveryToAdmit;
import com.devcard.webhooks.store.delivery.DispatchedDelivery;
import com.devcard.webhooks.store.delivery.PendingDeliveryRepository;
import com.devcard.webhooks.store.sweep.Sweep;
import com.devcard.webhooks.workflows.DeliveryWorkflowInput;
import com.devcard.webhooks.workflows.TaskQueues;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Admits dispatched deliveries into Temporal, fairly: a dispatch only stores its deliveries; this
 * loop starts their workflows, taking users in turn and never more than {@link
 * AdmissionProperties#perUser()} of one user at once. So one user's burst of thousands queues in
 * PostgreSQL, as {@code pending} deliveries that survive any restart, while another user's delivery
 * goes in at once. A lone busy user's places refill as its deliveries finish, at the next round.
 *
 * <p>While a user has fewer than {@link AdmissionProperties#expressPerUser()} deliveries unfinished
 * (admitted, waiting for a retry included, or waiting for admission), its next one goes express:
 * the dispatch that stored it has its workflow started at once, off the request thread, on the
 * express task queue. A quiet user's delivery then waits for no admission round, and in the
 * worker's queue behind no busy user's places, only behind the few other users' first ones. Should
 * that start fail, the delivery is admitted like any other, still on the express queue while its
 * user has a place there. Counting the retries' waits keeps a user whose endpoint fails from
 * filling the lane: a workflow keeps its queue for all its attempts.
 *
 * <p>Temporal's own task queue fairness needs a server that supports it (the SDK's test server does
 * not) and bills for it; this works on any server. One api process admits at a time (see {@link
 * Sweeps}); a dispatch in this process wakes the loop at once.
 */
@Component
public class FairAdmission implements SmartLifecycle {

  /** Most deliveries started in one round; their starts go to Temporal side by side. */
  static final int BATCH = 64;

  /** After admitting anything, look at the busy pace this long before slowing down. */
  private static final Duration STAY_BUSY = Duration.ofSeconds(2);

  private static final WorkflowIdReusePolicy REJECT_DUPLICATE =
      WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE;

  private static final Logger log = LoggerFactory.getLogger(FairAdmission.class);

  private final PendingDeliveryRepository pending;
  private final MissingRunStarter runs;
  private final DeliveryWorkflowClient workflows;
  private final Sweeps sweeps;
  private final AdmissionProperties settings;
  private final Semaphore wake = new Semaphore(0);
  private volatile boolean running;
  private volatile Thread loop;
  private Instant busyUntil = Instant.MIN;
  private boolean failing;

  FairAdmission(
      PendingDeliveryRepository pending,
      MissingRunStarter runs,
      DeliveryWorkflowClient workflows,
      Sweeps sweeps,
      AdmissionProperties settings) {
    this.pending = pending;
    this.runs = runs;
    this.workflows = workflows;
    this.sweeps = sweeps;
    this.settings = settings;
  }

  /** The places each user has on the express lane, which a dispatch gives out (0: no lane). */
  public int expressPerUser() {
    return settings.expressPerUser();
  }

  /**
   * Admits just-dispatched deliveries: the express ones are started now, off the caller's thread;
   * the rest at a round, which this starts at once rather than at the next tick. An express one
   * whose start fails, or does not get a thread, waits for a round too.
   */
  public void admit(List<DispatchedDelivery> dispatched) {
    List<DispatchedDelivery> express =
        dispatched.stream().filter(DispatchedDelivery::express).toList();
    if (!express.isEmpty()) {
      workflows.startSoon(() -> startExpress(express));
    }
    if (express.size() < dispatched.size()) {
      wake.release();
    }
  }

  private void startExpress(List<DispatchedDelivery> express) {
    try {
      List<String> started = new ArrayList<>();
      for (DispatchedDelivery delivery : express) {
        DeliveryWorkflowInput input =
            DeliveryWorkflowInput.fresh(
                delivery.id(),
                delivery.userId(),
                delivery.endpointId(),
                delivery.eventType(),
                workflows.targetHost(delivery.endpointUrl()),
                delivery.retryDelays());
        if (workflows.startRun(input, REJECT_DUPLICATE, TaskQueues.DELIVERY_EXPRESS)
            != StartResult.UNREACHABLE) {
          started.add(delivery.id());
        }
      }
      pending.markWorkflowStarted(started);
    } catch (RuntimeException failure) {
      // Off the request thread no caller would see it; the deliveries are stored and unstarted,
      // so a round admits them.
      log.warn("starting express deliveries failed; admission starts them", failure);
    }
  }

  @Override
  public void start() {
    running = true;
    loop = Thread.ofPlatform().name("delivery-admission").daemon().start(this::admitUntilStopped);
  }

  @Override
  public void stop() {
    running = false;
    Thread thread = loop;
    if (thread != null) {
      thread.interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void admitUntilStopped() {
    while (running) {
      try {
        sweeps.runAlone(Sweep.ADMISSION, this::admitRound);
        if (failing) {
          failing = false;
          log.info("admission rounds succeed again");
        }
      } catch (RuntimeException failure) {
        // The database away: the deliveries wait in PostgreSQL; try again next tick. Said once
        // per outage, not on every tick of it.
        if (!failing) {
          failing = true;
          log.warn("admission round failed; trying again every tick until one succeeds", failure);
        } else {
          log.debug("admission round failed again", failure);
        }
      }
      try {
        Duration wait =
            Instant.now().isBefore(busyUntil) ? settings.busyEvery() : settings.idleEvery();
        wake.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        wake.drainPermits();
      } catch (InterruptedException stopping) {
        return;
      }
    }
  }

  /** Starts the next deliveries in turn, until none may go in now or Temporal is away. */
  void admitRound() {
    List<DeliveryToAdmit> next;
    do {
      next = pending.nextToAdmit(settings.perUser(), settings.expressPerUser(), BATCH);
      if (next.isEmpty()) {
        return;
      }
      busyUntil = Instant.now().plus(STAY_BUSY);
      if (startAll(next) < next.size()) {
        return; // Temporal unreachable: the rest wait for a later round.
      }
    } while (next.size() == BATCH);
  }

  /** Starts the workflows side by side; returns how many exist now. */
  private int startAll(List<DeliveryToAdmit> deliveries) {
    List<String> started = new ArrayList<>();
    try (ExecutorService starts = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<StartResult>> results = new ArrayList<>();
      for (DeliveryToAdmit next : deliveries) {
        results.add(
            starts.submit(
                () ->
                    workflows.startRun(
                        runs.scheduleInput(next.pending()), REJECT_DUPLICATE, lane(next))));
      }
      for (int i = 0; i < deliveries.size(); i++) {
        if (outcome(results.get(i)) != StartResult.UNREACHABLE) {
          started.add(deliveries.get(i).pending().delivery().id());
        }
      }
    }
    pending.markWorkflowStarted(started);
    return started.size();
  }

  /**
   * The task queue a round starts a delivery's workflow on: the express one while its user has a
   * place there, as for a delivery whose express start by its dispatch failed. Only admission
   * chooses a queue, here and in {@link #admit}: every other start of a delivery's workflow (a
   * manual attempt, a reopened delivery, the reconciler's start of a missing run) goes to the main
   * queue. Those are few and not the first of a quiet user's: the lane is for the wait a new
   * delivery has behind others' bursts. A workflow keeps its queue for its retries, and its
   * activities run on it too (their stubs name no queue).
   */
  private String lane(DeliveryToAdmit next) {
    return next.unfinishedAhead() < settings.expressPerUser()
        ? TaskQueues.DELIVERY_EXPRESS
        : TaskQueues.DELIVERY;
  }

  private static StartResult outcome(Future<StartResult> result) {
    try {
      return result.get();
    } catch (ExecutionException failure) {
      log.warn(
          "starting a delivery's workflow failed; it is admitted again later", failure.getCause());
      return StartResult.UNREACHABLE;
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
      return StartResult.UNREACHABLE;
    }
  }
}
