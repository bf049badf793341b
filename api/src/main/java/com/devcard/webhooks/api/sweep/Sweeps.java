package com.devcard.webhooks.api.sweep;

import com.devcard.webhooks.store.sweep.Sweep;
import com.devcard.webhooks.store.sweep.SweepLocks;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Runs each periodic sweep in one api process at a time, however many share the database: a process
 * that finds a sweep running elsewhere skips that round, and tries again at its next one. A sweep
 * that runs is observed as {@code webhooks.sweep}, tagged {@code sweep} with its name, so its
 * duration and how often it runs here show in the metrics. At DEBUG each run here is also logged
 * with when it started and ended, taken while it held its lock: the logs of all processes together
 * show which ran each round, and that no two ran one sweep at the same time.
 */
@Component
public class Sweeps {

  static final String OBSERVATION = "webhooks.sweep";

  private static final Logger log = LoggerFactory.getLogger(Sweeps.class);

  private final SweepLocks locks;
  private final ObservationRegistry observations;

  Sweeps(SweepLocks locks, ObjectProvider<ObservationRegistry> observations) {
    this.locks = locks;
    this.observations = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
  }

  /** Runs the sweep unless another process is running it now; returns whether it ran here. */
  public boolean runAlone(Sweep sweep, Runnable work) {
    boolean ran =
        locks.runAlone(
            sweep,
            () ->
                Observation.createNotStarted(OBSERVATION, observations)
                    .lowCardinalityKeyValue("sweep", sweep.label())
                    .observe(() -> runLogged(sweep, work)));
    if (!ran) {
      log.debug("{} sweep skipped: another process is running it", sweep.label());
    }
    return ran;
  }

  private static void runLogged(Sweep sweep, Runnable work) {
    Instant started = Instant.now();
    try {
      work.run();
    } finally {
      Instant ended = Instant.now();
      log.debug(
          "{} sweep ran here from {} to {} ({} ms)",
          sweep.label(),
          started,
          ended,
          Duration.between(started, ended).toMillis());
    }
  }
}
