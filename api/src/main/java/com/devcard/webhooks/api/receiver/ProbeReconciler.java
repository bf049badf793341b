package com.devcard.webhooks.api.receiver;

import com.devcard.webhooks.api.event.DispatchProperties;
import com.devcard.webhooks.api.recovery.RecoveryProperties;
import com.devcard.webhooks.api.sweep.Sweeps;
import com.devcard.webhooks.netguard.TargetPolicy;
import com.devcard.webhooks.store.endpoint.EndpointStates;
import com.devcard.webhooks.store.endpoint.EndpointStates.ProbeDue;
import com.devcard.webhooks.store.sweep.Sweep;
import com.devcard.webhooks.workflows.EndpointProbeInput;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Starts the recovery probe of each endpoint disabled for failing, every {@code
 * WEBHOOKS_RECONCILER_PROBES_EVERY} (default 5s), in one api process at a time. The probe captures
 * the probe delays, the release pace and the retry schedule as they are now. A worker disables the
 * endpoint; PostgreSQL says a probe is due; this starts it, and marks it started.
 */
@Component
class ProbeReconciler implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(ProbeReconciler.class);
  private static final int BATCH = 100;

  private final EndpointStates states;
  private final EndpointProbes probes;
  private final TargetPolicy targetPolicy;
  private final List<Duration> delays;
  private final Sweeps sweeps;
  private final Duration every;
  private final int releaseRate;
  private final List<Duration> retryDelays;

  ProbeReconciler(
      EndpointStates states,
      EndpointProbes probes,
      TargetPolicy targetPolicy,
      ProbeProperties properties,
      ProbeReconcilerProperties schedule,
      RecoveryProperties recovery,
      DispatchProperties dispatch,
      Sweeps sweeps) {
    this.every = schedule.probesEvery();
    this.releaseRate = recovery.rate();
    this.retryDelays = dispatch.schedule();
    this.states = states;
    this.probes = probes;
    this.targetPolicy = targetPolicy;
    this.delays = properties.delays();
    this.sweeps = sweeps;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(new FixedDelayTask(this::startDue, every, every));
  }

  void startDue() {
    try {
      sweeps.runAlone(Sweep.ENDPOINT_PROBES, this::startDueNow);
    } catch (DataAccessException unavailable) {
      log.warn("probes not checked this time; the next run tries again", unavailable);
    }
  }

  void startDueNow() {
    for (ProbeDue due : states.probesDue(BATCH)) {
      EndpointProbeInput input =
          new EndpointProbeInput(
              due.endpointId(),
              due.userId(),
              targetPolicy.host(due.url()).orElse("unknown host"),
              delays,
              releaseRate,
              retryDelays);
      if (!probes.start(input)) {
        return; // Temporal is unreachable: try again on the next run.
      }
      states.markProbeStarted(due.endpointId());
    }
  }
}
