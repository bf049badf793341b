package com.devcard.webhooks.api.receiver;

import com.devcard.webhooks.api.sweep.Sweeps;
import com.devcard.webhooks.store.endpoint.EndpointStates;
import com.devcard.webhooks.store.sweep.Sweep;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Cancels deliveries held longer than {@code WEBHOOKS_HOLD_FOR}, oldest first, in bounded batches,
 * every {@code WEBHOOKS_HOLD_SWEEP_EVERY} (default 1m), in one api process at a time.
 */
@Component
class HeldExpirySweeper implements SchedulingConfigurer {

  static final int BATCH = 500;
  static final int MAX_BATCHES = 20;

  private static final Logger log = LoggerFactory.getLogger(HeldExpirySweeper.class);

  private final EndpointStates states;
  private final Duration holdFor;
  private final ReceiverCounters counters;
  private final Sweeps sweeps;
  private final Duration every;

  HeldExpirySweeper(
      EndpointStates states, HoldProperties properties, ReceiverCounters counters, Sweeps sweeps) {
    this.states = states;
    this.holdFor = properties.holdFor();
    this.every = properties.holdSweepEvery();
    this.counters = counters;
    this.sweeps = sweeps;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(new FixedDelayTask(this::sweep, every, every));
  }

  void sweep() {
    try {
      sweeps.runAlone(Sweep.EXPIRED_HOLDS, this::cancelExpired);
    } catch (DataAccessException unavailable) {
      log.warn("expired held deliveries not cancelled this time; the next run tries again");
    }
  }

  void cancelExpired() {
    Instant heldBefore = Instant.now().minus(holdFor);
    for (int batch = 0; batch < MAX_BATCHES; batch++) {
      int cancelled = states.cancelHeldSince(heldBefore, BATCH).size();
      counters.expired(cancelled);
      if (cancelled > 0) {
        log.info("{} deliveries held longer than {} cancelled", cancelled, holdFor);
      }
      if (cancelled < BATCH) {
        return;
      }
    }
  }
}
