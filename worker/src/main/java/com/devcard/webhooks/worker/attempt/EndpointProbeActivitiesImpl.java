package com.devcard.webhooks.worker.attempt;

import com.devcard.webhooks.store.endpoint.EndpointStates;
import com.devcard.webhooks.workflows.EndpointProbeActivities;
import com.devcard.webhooks.workflows.ProbeStep;
import com.devcard.webhooks.workflows.ProbeTarget;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What a recovery probe does besides its attempt (which is {@link DeliveryActivitiesImpl}'s): pick
 * the delivery to send, and enable the endpoint once one got through. The release of its held
 * deliveries is recorded here; the api's recovery reconciler starts its workflow.
 */
@Component
public class EndpointProbeActivitiesImpl implements EndpointProbeActivities {

  private static final Logger log = LoggerFactory.getLogger(EndpointProbeActivitiesImpl.class);

  private final EndpointStates states;
  private final ReceiverMetrics metrics;

  public EndpointProbeActivitiesImpl(EndpointStates states, ReceiverMetrics metrics) {
    this.states = states;
    this.metrics = metrics;
  }

  @Override
  public ProbeTarget target(ProbeStep step) {
    return states
        .probeTarget(step.endpointId(), step.retryDelays())
        .map(ProbeTarget::new)
        .orElse(ProbeTarget.none());
  }

  @Override
  public boolean enable(ProbeStep step) {
    Optional<EndpointStates.Enabled> enabled =
        states.enableAfterProbe(step.endpointId(), step.releaseRate(), step.retryDelays());
    enabled.ifPresent(
        done -> {
          metrics.enabled(EndpointStates.EnabledBy.PROBE.wireValue());
          log.info(
              "endpoint {} enabled after a successful probe; {} held deliveries to release",
              step.endpointId(),
              done.release().map(release -> release.total()).orElse(0));
        });
    return enabled.isPresent();
  }
}
