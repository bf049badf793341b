package com.devcard.webhooks.api.retention;

import com.devcard.webhooks.api.sweep.Sweeps;
import com.devcard.webhooks.store.retention.ExpiredDeliveries;
import com.devcard.webhooks.store.retention.RetentionPosition;
import com.devcard.webhooks.store.retention.RetentionRepository;
import com.devcard.webhooks.store.retention.UnreferencedEvents;
import com.devcard.webhooks.store.sweep.Sweep;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Deletes finished deliveries whose last change is older than {@code WEBHOOKS_RETENTION}, with
 * their attempts, then the events no delivery refers to any more, every {@code
 * WEBHOOKS_RETENTION_SWEEP_EVERY}, in one api process at a time.
 *
 * <p>Each batch is one short transaction of at most {@link #BATCH} deliveries, and a run does at
 * most {@link #MAX_BATCHES} batches: the periodic sweeps take turns on one scheduler thread, so a
 * run that catches up on a large backlog must not hold the others up for long. Each pass, first
 * over deliveries and then over events, reads its table oldest first from where the previous batch
 * ended, and the next run carries on from there; rows it leaves (a delivery a running recovery
 * still needs, an event a delivery still refers to) are read again on the next pass, not by every
 * batch. Counted as {@code webhooks.deliveries.deleted} and {@code webhooks.events.deleted}; one
 * log line per run.
 */
@Component
class RetentionSweeper implements SchedulingConfigurer {

  static final int BATCH = 1_000;
  static final int MAX_BATCHES = 20;

  private static final Logger log = LoggerFactory.getLogger(RetentionSweeper.class);

  /** What one run did. */
  record Run(
      int deliveries, int attempts, int events, int recoveryItems, int batches, boolean caughtUp) {}

  private final RetentionRepository retention;
  private final Sweeps sweeps;
  private final Duration keep;
  private final Duration every;
  private final Counter deliveriesDeleted;
  private final Counter eventsDeleted;

  // Where each pass got to; the next run goes on from there. Runs never overlap in one process
  // (the sweep's lock), and a run in another process simply starts its passes from the oldest.
  private volatile RetentionPosition deliveriesAfter;
  private volatile RetentionPosition eventsAfter;

  RetentionSweeper(
      RetentionRepository retention,
      Sweeps sweeps,
      RetentionProperties properties,
      ObjectProvider<MeterRegistry> registry) {
    this.retention = retention;
    this.sweeps = sweeps;
    this.keep = properties.retention();
    this.every = properties.retentionSweepEvery();
    MeterRegistry meters = registry.getIfAvailable(SimpleMeterRegistry::new);
    this.deliveriesDeleted =
        Counter.builder("webhooks.deliveries.deleted")
            .description("Finished deliveries deleted, with their attempts, after the retention")
            .register(meters);
    this.eventsDeleted =
        Counter.builder("webhooks.events.deleted")
            .description("Events deleted once no delivery referred to them, after the retention")
            .register(meters);
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(new FixedDelayTask(this::sweep, every, every));
  }

  void sweep() {
    try {
      sweeps.runAlone(Sweep.EXPIRED_DELIVERIES, this::deleteExpired);
    } catch (DataAccessException unavailable) {
      log.warn("expired deliveries not deleted this time; the next run tries again", unavailable);
    }
  }

  /** One run: deliveries first, then, once they are caught up, events. */
  Run deleteExpired() {
    long started = System.nanoTime();
    Instant before = Instant.now().minus(keep);
    int batches = 0;
    int deliveries = 0;
    int attempts = 0;
    int events = 0;
    int items = 0;
    boolean deliveriesDone = false;
    while (!deliveriesDone && batches < MAX_BATCHES) {
      ExpiredDeliveries batch = retention.deleteFinishedBefore(before, deliveriesAfter, BATCH);
      batches++;
      deliveries += batch.deliveries();
      attempts += batch.attempts();
      events += batch.events();
      items += batch.recoveryItems();
      deliveriesDeleted.increment(batch.deliveries());
      eventsDeleted.increment(batch.events());
      // A short batch read every expired delivery there was: the next pass starts over.
      deliveriesDone = batch.deliveries() < BATCH;
      deliveriesAfter = deliveriesDone ? null : batch.last();
    }
    boolean eventsDone = false;
    while (deliveriesDone && !eventsDone && batches < MAX_BATCHES) {
      UnreferencedEvents batch =
          retention.deleteUnreferencedEventsBefore(before, eventsAfter, BATCH);
      batches++;
      events += batch.deleted();
      eventsDeleted.increment(batch.deleted());
      eventsDone = batch.scanned() < BATCH;
      eventsAfter = eventsDone ? null : batch.last();
    }
    Run run = new Run(deliveries, attempts, events, items, batches, eventsDone);
    long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
    if (deliveries > 0 || events > 0 || !eventsDone) {
      log.info(
          "retention sweep: {} deliveries finished before {} deleted with {} attempts, {} events"
              + " deleted, in {} batches, {} ms{}",
          deliveries,
          before,
          attempts,
          events,
          batches,
          millis,
          eventsDone ? "" : "; more left for the next run");
    } else {
      log.debug("retention sweep: nothing finished before {} to delete ({} ms)", before, millis);
    }
    return run;
  }
}
