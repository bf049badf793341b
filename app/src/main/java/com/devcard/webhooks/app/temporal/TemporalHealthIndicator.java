package com.devcard.webhooks.app.temporal;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/** {@code /actuator/health} component "temporal": can the frontend be reached right now. */
@Component("temporal")
class TemporalHealthIndicator extends AbstractHealthIndicator {

  private final WorkflowServiceStubs stubs;
  private final TemporalServerProperties properties;

  TemporalHealthIndicator(WorkflowServiceStubs stubs, TemporalServerProperties properties) {
    super("Temporal is unreachable");
    this.stubs = stubs;
    this.properties = properties;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    stubs
        .blockingStub()
        .withDeadlineAfter(2, TimeUnit.SECONDS)
        .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
    builder
        .up()
        .withDetail("address", properties.address())
        .withDetail("namespace", properties.namespace());
  }
}
