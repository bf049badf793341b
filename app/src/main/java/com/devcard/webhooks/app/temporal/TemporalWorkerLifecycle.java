package com.devcard.webhooks.app.temporal;

import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowServiceException;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts polling once the context is ready, and keeps trying in the background while Temporal is
 * unreachable, so a worker process comes up (and reports DOWN on its health) instead of dying.
 * Stops gracefully: no new tasks are taken, attempts in flight get time to finish and be recorded;
 * what does not finish is handed back to Temporal, which retries it under the same attempt key, so
 * nothing is lost or recorded twice.
 */
class TemporalWorkerLifecycle implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TemporalWorkerLifecycle.class);
  private static final long GRACE_SECONDS = 20;
  private static final Duration RETRY_EVERY = Duration.ofSeconds(2);

  private final WorkerFactory factory;
  private volatile boolean running;
  private ScheduledExecutorService retries;

  TemporalWorkerLifecycle(WorkerFactory factory) {
    this.factory = factory;
  }

  @Override
  public synchronized void start() {
    running = true;
    if (factory.isShutdown()) {
      // Started again after a stop (a context stopped and started, as the test framework does
      // with the contexts it caches): a WorkerFactory never starts again once shut down.
      log.warn(
          "the Temporal worker was stopped and cannot start again in this process: it polls no"
              + " more until the process restarts");
      return;
    }
    Optional<RuntimeException> unreachable = tryStart();
    if (unreachable.isPresent()) {
      log.warn(
          "Temporal is unreachable; the worker keeps trying to start every {}s",
          RETRY_EVERY.toSeconds(),
          unreachable.get());
      retries =
          Executors.newSingleThreadScheduledExecutor(
              Thread.ofVirtual().name("temporal-worker-starter").factory());
      retries.scheduleWithFixedDelay(
          this::tryAgain, RETRY_EVERY.toMillis(), RETRY_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /** One more try while Temporal was unreachable; the retries end once the worker started. */
  private synchronized void tryAgain() {
    if (!running) {
      return;
    }
    try {
      Optional<RuntimeException> unreachable = tryStart();
      if (unreachable.isEmpty()) {
        retries.shutdown();
        return;
      }
      log.debug("Temporal still unreachable", unreachable.get());
    } catch (RuntimeException failure) {
      // Not Temporal being away: trying again would not help. Logged whole, as nobody else sees it.
      log.error("the Temporal worker could not start; it stays stopped", failure);
      retries.shutdown();
    }
  }

  /** Empty when the worker started; else why Temporal could not be reached. */
  private Optional<RuntimeException> tryStart() {
    try {
      factory.start();
      log.info("Temporal worker polling task queue webhook-delivery");
      return Optional.empty();
    } catch (StatusRuntimeException | WorkflowServiceException unreachable) {
      // Only Temporal failing is worth trying again; any other failure ends the start.
      return Optional.of(unreachable);
    }
  }

  @Override
  public void stop() {
    synchronized (this) {
      running = false;
      if (retries != null) {
        retries.shutdownNow();
      }
    }
    factory.shutdown();
    factory.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS);
    if (!factory.isTerminated()) {
      factory.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /**
   * Not stopped when a context is paused (as the test framework pauses cached contexts): a Temporal
   * worker factory that was shut down cannot start again, so a paused context could not resume.
   */
  @Override
  public boolean isPauseable() {
    return false;
  }

  /** Stops before the web server and the database pool. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 1024;
  }
}
