package com.devcard.webhooks.workflows;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;

/**
 * Deterministic: timers and outcomes only. Each probe is one attempt of the delivery attempt
 * activity, waiting for a rate-limit slot like any other attempt; the activities decide what to
 * send and what a success does.
 */
public class EndpointProbeWorkflowImpl implements EndpointProbeWorkflow {

  private static final Logger log = Workflow.getLogger(EndpointProbeWorkflowImpl.class);

  @Override
  public ProbeResult probe(EndpointProbeInput input) {
    DeliveryActivities attempts =
        Workflow.newActivityStub(
            DeliveryActivities.class,
            AttemptActivityOptions.withSummary("probe POST to " + input.targetHost()).build());
    List<Duration> delays = input.delays();
    for (int probe = 1; probe <= delays.size(); probe++) {
      Duration delay = delays.get(probe - 1);
      Workflow.newTimer(
              delay,
              TimerOptions.newBuilder()
                  .setSummary(
                      "probe "
                          + probe
                          + " of "
                          + delays.size()
                          + " in "
                          + RetrySchedule.formatOne(delay))
                  .build())
          .get();
      ProbeTarget target = activities("pick the delivery to probe with").target(input.step());
      if (!target.present()) {
        log.info("endpoint {} is no longer disabled for failing: probe ends", input.endpointId());
        return ProbeResult.NOT_NEEDED;
      }
      AttemptOutcome outcome =
          DeliveryWorkflowImpl.attempt(
              attempts, AttemptRequest.paced(target.deliveryId(), AttemptTrigger.PROBE, null));
      if (outcome.succeeded()) {
        boolean enabled = activities("enable the endpoint").enable(input.step());
        log.info(
            "endpoint {} answered probe {}: {}",
            input.endpointId(),
            probe,
            enabled ? "enabled" : "already enabled");
        return enabled ? ProbeResult.ENABLED : ProbeResult.NOT_NEEDED;
      }
      log.info(
          "endpoint {} probe {} of {} failed (response {})",
          input.endpointId(),
          probe,
          delays.size(),
          outcome.responseCode());
    }
    log.info("endpoint {}: every probe failed; it stays disabled", input.endpointId());
    return ProbeResult.GAVE_UP;
  }

  private static EndpointProbeActivities activities(String summary) {
    return Workflow.newActivityStub(
        EndpointProbeActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(DeliveryWorkflowImpl.RECORD_START_TO_CLOSE)
            .setRetryOptions(DeliveryWorkflowImpl.INFRASTRUCTURE_RETRY)
            .setSummary(summary)
            .build());
  }
}
