package com.devcard.webhooks.app.temporal;

import io.temporal.serviceclient.GrpcCompression;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the service uses Temporal ({@code WEBHOOKS_TEMPORAL_*}): how much one worker process takes on
 * at once, and how its calls travel. Where Temporal is: {@link TemporalServerProperties}.
 *
 * @param maxConcurrentAttempts attempts in flight per worker from the main task queue; they run on
 *     virtual threads, so a slow receiver holds no platform thread. The express lane's queue takes
 *     a quarter of this more
 * @param maxConcurrentWorkflowTasks workflow tasks one worker runs at once, each on a virtual
 *     thread (so this bounds CPU, not platform threads). Workflow code is all CPU: more than a few
 *     per core only makes each wait longer for a core, until Temporal's deadlock detector fails
 *     tasks whose thread could not run for a second. Past this the tasks queue in Temporal, and
 *     latency grows with the queue instead. About four per core. For the main task queue; the
 *     express lane's queue takes a quarter of this more
 * @param stickyDrain on shutdown the worker stops taking new tasks but keeps answering its own
 *     workflows' tasks for this long, so an attempt that finishes meanwhile also has its outcome
 *     acted on before the process exits, instead of waiting for Temporal to hand that task to
 *     another worker
 * @param stickyScheduleToStart how long a workflow's next task waits for the worker that ran its
 *     last one, which keeps the workflow in memory, before any worker may take it (and replay the
 *     workflow's history to run it). A worker that dies leaves its workflows waiting this long.
 *     Zero turns it off: every task goes to whichever worker polls first
 * @param grpcCompression compression of every call to Temporal. None by default: workflow inputs
 *     and results carry ids only, a few hundred bytes, which gzip does not shrink but does spend
 *     CPU on, on both sides of every call; {@code gzip} for a link where bytes cost more than CPU
 */
@ConfigurationProperties(prefix = "webhooks.temporal")
record TemporalProperties(
    @DefaultValue("1000") int maxConcurrentAttempts,
    @DefaultValue("8") int maxConcurrentWorkflowTasks,
    @DefaultValue("5s") Duration stickyDrain,
    @DefaultValue("5s") Duration stickyScheduleToStart,
    @DefaultValue("none") GrpcCompression grpcCompression) {

  /** A careless value fails the start with the setting's name, not deep inside the SDK. */
  TemporalProperties {
    if (maxConcurrentAttempts < 1 || maxConcurrentWorkflowTasks < 1) {
      throw new IllegalArgumentException(
          "webhooks.temporal.max-concurrent-attempts and max-concurrent-workflow-tasks must be at"
              + " least 1");
    }
    if (stickyDrain.isNegative() || stickyScheduleToStart.isNegative()) {
      throw new IllegalArgumentException(
          "webhooks.temporal.sticky-drain and sticky-schedule-to-start must not be negative");
    }
  }
}
