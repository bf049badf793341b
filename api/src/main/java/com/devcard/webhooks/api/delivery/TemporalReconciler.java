package com.devcard.webhooks.api.delivery;

import com.devcard.webhooks.api.sweep.Sweeps;
import com.devcard.webhooks.store.delivery.PendingDelivery;
import com.devcard.webhooks.store.delivery.PendingDeliveryRepository;
import com.devcard.webhooks.store.sweep.Sweep;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL is the source of truth for which deliveries are owed. Two sweeps keep Temporal in line
 * with it: every few seconds, pending deliveries whose workflow was never started (Temporal was
 * down at dispatch); at startup and every few minutes, every pending delivery, so that a Temporal
 * that lost its state (the dev profile's in-memory server after a restart) gets each one back,
 * carrying on from its recorded attempts and its next retry time. Each sweep also catches a
 * workflow run an operator terminated in the Temporal UI (the delivery ends {@code cancelled}) and
 * a manual attempt whose run the "retry" request could not start. However many api processes there
 * are, each sweep runs in one of them at a time (see {@link Sweeps}).
 */
@Component
class TemporalReconciler implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(TemporalReconciler.class);
  private static final int BATCH = 500;
  private static final int MAX_BATCHES_PER_RUN = 20;

  /** Younger deliveries are still being started by the dispatcher. */
  private static final Duration GRACE = Duration.ofSeconds(2);

  private final PendingDeliveryRepository pending;
  private final MissingRunStarter runs;
  private final Sweeps sweeps;
  private final ReconcilerProperties schedule;

  TemporalReconciler(
      PendingDeliveryRepository pending,
      MissingRunStarter runs,
      Sweeps sweeps,
      ReconcilerProperties schedule) {
    this.pending = pending;
    this.runs = runs;
    this.sweeps = sweeps;
    this.schedule = schedule;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(
        new FixedDelayTask(
            this::startUnstarted, schedule.unstartedEvery(), schedule.unstartedEvery()));
    tasks.addFixedDelayTask(
        new FixedDelayTask(
            this::sweepAllPending, schedule.fullSweepEvery(), schedule.fullSweepEvery()));
  }

  void startUnstarted() {
    sweeps.runAlone(Sweep.UNSTARTED_DELIVERIES, this::startUnstartedNow);
  }

  private void startUnstartedNow() {
    List<PendingDelivery> batch;
    // Bounded: a delivery left unstarted on purpose (its run found closed and the delivery changed
    // meanwhile) comes back in the next batch; the next run goes on.
    int batches = 0;
    do {
      Instant now = Instant.now();
      batch =
          pending.unstartedPending(
              now.minus(GRACE), now.minus(MissingRunStarter.MANUAL_ATTEMPT_GRACE), BATCH);
      if (startEach(batch) < batch.size()) {
        return; // Temporal is still unreachable: try again on the next run.
      }
    } while (batch.size() == BATCH && ++batches < MAX_BATCHES_PER_RUN);
  }

  @EventListener(ApplicationReadyEvent.class)
  void sweepAtStartup() {
    sweepAllPending();
  }

  void sweepAllPending() {
    sweeps.runAlone(Sweep.PENDING_DELIVERIES, this::checkAllPending);
  }

  private void checkAllPending() {
    Optional<String> after = Optional.empty();
    int total = 0;
    while (true) {
      List<PendingDelivery> batch = pending.pendingAfter(after, BATCH);
      if (batch.isEmpty()) {
        break;
      }
      int started = startEach(batch);
      total += started;
      if (started < batch.size()) {
        log.warn("reconciler: Temporal unreachable, sweep stopped after {} deliveries", total);
        return;
      }
      after = Optional.of(batch.get(batch.size() - 1).delivery().id());
    }
    if (total > 0) {
      log.info("reconciler: {} pending deliveries checked against Temporal", total);
    }
  }

  /**
   * Reconciles each delivery (see {@link MissingRunStarter}); returns how many were handled before
   * Temporal proved unreachable.
   */
  private int startEach(List<PendingDelivery> batch) {
    int handled = 0;
    for (PendingDelivery pending : batch) {
      if (!runs.reconcile(pending)) {
        break;
      }
      handled++;
    }
    return handled;
  }
}
