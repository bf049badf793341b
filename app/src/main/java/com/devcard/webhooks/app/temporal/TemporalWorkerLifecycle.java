package com.devcard.webhooks.app.temporal;

import io.temporal.worker.WorkerFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts polling once the context is ready and stops gracefully: no new tasks are taken, attempts
 * in flight get time to finish and be recorded; what does not finish is handed back to Temporal,
 * which retries it elsewhere under the same attempt key, so nothing is lost or recorded twice.
 */
class TemporalWorkerLifecycle implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TemporalWorkerLifecycle.class);
  private static final long GRACE_SECONDS = 20;

  private final WorkerFactory factory;
  private volatile boolean running;

  TemporalWorkerLifecycle(WorkerFactory factory) {
    this.factory = factory;
  }

  @Override
  public void start() {
    factory.start();
    running = true;
    log.info("Temporal worker polling task queue webhook-delivery");
  }

  @Override
  public void stop() {
    factory.shutdown();
    factory.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS);
    if (!factory.isTerminated()) {
      factory.shutdownNow();
    }
    running = false;
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
