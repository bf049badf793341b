package com.devcard.webhooks.api.delivery;

import com.devcard.webhooks.store.delivery.Delivery;
import com.devcard.webhooks.store.delivery.DeliveryRepository;
import com.devcard.webhooks.store.delivery.PendingDelivery;
import com.devcard.webhooks.workflows.DeliveryWorkflowInput;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * PostgreSQL is the source of truth for which deliveries are owed. Two sweeps keep Temporal in line
 * with it: every few seconds, pending deliveries whose workflow was never started (Temporal was
 * down at dispatch); at startup and every few minutes, every pending delivery, so that a Temporal
 * that lost its state (the dev profile's in-memory server after a restart) gets each one back,
 * carrying on from its recorded attempts and its next retry time.
 */
@Component
class DeliveryReconciler {

  private static final Logger log = LoggerFactory.getLogger(DeliveryReconciler.class);
  private static final int BATCH = 500;

  /** Younger deliveries are still being started by the dispatcher. */
  private static final Duration GRACE = Duration.ofSeconds(2);

  private final DeliveryRepository deliveries;
  private final DeliveryWorkflows workflows;

  DeliveryReconciler(DeliveryRepository deliveries, DeliveryWorkflows workflows) {
    this.deliveries = deliveries;
    this.workflows = workflows;
  }

  @Scheduled(
      fixedDelayString = "${webhooks.reconciler.unstarted-every:5s}",
      initialDelayString = "${webhooks.reconciler.unstarted-every:5s}")
  void startUnstarted() {
    List<PendingDelivery> batch;
    do {
      batch = deliveries.unstartedPending(Instant.now().minus(GRACE), BATCH);
      if (startEach(batch) < batch.size()) {
        return; // Temporal is still unreachable: try again on the next run.
      }
    } while (batch.size() == BATCH);
  }

  @EventListener(ApplicationReadyEvent.class)
  void sweepAtStartup() {
    sweepAllPending();
  }

  @Scheduled(
      fixedDelayString = "${webhooks.reconciler.full-sweep-every:5m}",
      initialDelayString = "${webhooks.reconciler.full-sweep-every:5m}")
  void sweepAllPending() {
    Optional<String> after = Optional.empty();
    int total = 0;
    while (true) {
      List<PendingDelivery> batch = deliveries.pendingAfter(after, BATCH);
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

  /** Starts (or finds running) each delivery's workflow; returns how many are now running. */
  private int startEach(List<PendingDelivery> batch) {
    List<String> started = new ArrayList<>();
    for (PendingDelivery pending : batch) {
      if (!workflows.start(inputFor(pending))) {
        break;
      }
      started.add(pending.delivery().id());
    }
    workflows.markStarted(started);
    return started.size();
  }

  /** Carries on the schedule: the attempts already made count, the next one keeps its time. */
  private DeliveryWorkflowInput inputFor(PendingDelivery pending) {
    Delivery delivery = pending.delivery();
    Duration firstWait = Duration.ZERO;
    if (delivery.nextRetryAt() != null) {
      Duration untilRetry = Duration.between(Instant.now(), delivery.nextRetryAt());
      firstWait = untilRetry.isNegative() ? Duration.ZERO : untilRetry;
    }
    int attemptsMade = Math.min(delivery.attempts(), pending.retryDelays().size());
    return new DeliveryWorkflowInput(
        delivery.id(),
        delivery.userId(),
        delivery.endpointId(),
        delivery.eventType(),
        workflows.targetHost(pending.endpointUrl()),
        pending.retryDelays(),
        attemptsMade,
        firstWait);
  }
}
