package com.devcard.webhooks.app.temporal;

import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports every activity of this worker as alive while it runs, from one timer thread, so that the
 * activity code itself (a request, a wait for a rate-limit slot, a database call during an outage)
 * never has to. When the process dies, the reports stop and Temporal gives the activity to another
 * worker once its heartbeat timeout has passed.
 */
final class ActivityHeartbeats extends WorkerInterceptorBase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ActivityHeartbeats.class);

  private final Duration every;

  // Virtual: the worker's platform threads stay the same whatever the load.
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofVirtual().name("activity-heartbeats").factory());

  ActivityHeartbeats(Duration every) {
    this.every = every;
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new WhileRunning(next);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  private final class WhileRunning extends ActivityInboundCallsInterceptorBase {

    private ActivityExecutionContext context;

    WhileRunning(ActivityInboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public void init(ActivityExecutionContext context) {
      this.context = context;
      super.init(context);
    }

    @Override
    public ActivityOutput execute(ActivityInput input) {
      long period = every.toMillis();
      ScheduledFuture<?> beating =
          timer.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
      try {
        return super.execute(input);
      } finally {
        beating.cancel(false);
      }
    }

    private void beat() {
      try {
        context.heartbeat(null);
      } catch (ActivityCompletionException ended) {
        // Timed out, cancelled or gone on the server: its result will not be taken, so there is
        // nothing left to keep alive. Throwing ends this activity's fixed-rate beat.
        log.debug(
            "activity {} of {} is no longer awaited: {}",
            context.getInfo().getActivityType(),
            context.getInfo().getWorkflowId(),
            ended.toString());
        throw ended;
      } catch (RuntimeException unexpected) {
        // Anything else must not end the beat (the executor would drop it silently, and the
        // activity would be taken for lost): report it and beat again next time.
        log.warn(
            "reporting activity {} of {} as alive failed",
            context.getInfo().getActivityType(),
            context.getInfo().getWorkflowId(),
            unexpected);
      }
    }
  }
}
