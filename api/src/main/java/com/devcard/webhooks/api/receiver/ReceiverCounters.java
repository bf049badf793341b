package com.devcard.webhooks.api.receiver;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The api's side of the receiver counters (the worker counts the disables, the probes' enables and
 * the releases under the same names): {@code webhooks.deliveries.held} for deliveries held at
 * dispatch, {@code webhooks.endpoints.enabled} tagged {@code by=user} for owners enabling an
 * endpoint the service disabled, and {@code webhooks.deliveries.held.expired} for held deliveries
 * cancelled after {@code WEBHOOKS_HOLD_FOR}.
 */
@Component
public class ReceiverCounters {

  private final MeterRegistry registry;

  @Autowired
  ReceiverCounters(ObjectProvider<MeterRegistry> registry) {
    this(registry.getIfAvailable(SimpleMeterRegistry::new));
  }

  public ReceiverCounters(MeterRegistry registry) {
    this.registry = registry;
  }

  public void held(int count) {
    if (count > 0) {
      Counter.builder("webhooks.deliveries.held")
          .description("Deliveries held because their endpoint was disabled")
          .register(registry)
          .increment(count);
    }
  }

  public void enabledByOwner() {
    Counter.builder("webhooks.endpoints.enabled")
        .description("Endpoints enabled again after the service disabled them")
        .tag("by", "user")
        .register(registry)
        .increment();
  }

  void expired(int count) {
    if (count > 0) {
      Counter.builder("webhooks.deliveries.held.expired")
          .description("Held deliveries cancelled because they were held too long")
          .register(registry)
          .increment(count);
    }
  }
}
