package com.devcard.webhooks.app.temporal;

import io.temporal.worker.WorkerFactory;
import java.time.Duration;
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
  private Thread starter;

  TemporalWorkerLifecycle(WorkerFactory factory) {
    this.factory = factory;
  }

  @Override
  public synchronized void start() {
    running = true;
    if (!tryStart()) {
      log.warn(
          "Temporal is unreachable; the worker keeps trying to start every {}s",
          RETRY_EVERY.toSeconds());
      starter = Thread.ofVirtual().name("temporal-worker-starter").start(this::startWhenReachable);
    }
  }

  private void startWhenReachable() {
    while (running && !Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(RETRY_EVERY);
      } catch (InterruptedException stopped) {
        return;
      }
      synchronized (this) {
        if (running && tryStart()) {
          return;
        }
      }
    }
  }

  private boolean tryStart() {
    try {
      factory.start();
      log.info("Temporal worker polling task queue webhook-delivery");
      return true;
    } catch (RuntimeException unreachable) {
      return false;
    }
  }

  @Override
  public void stop() {
    synchronized (this) {
      running = false;
      if (starter != null) {
        starter.interrupt();
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

  /** Stops before the web server and the database pool. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 1024;
  }
}
