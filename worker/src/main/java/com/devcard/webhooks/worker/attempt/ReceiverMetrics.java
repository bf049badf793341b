package com.devcard.webhooks.worker.attempt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What receivers did to their endpoints, for Prometheus, as the worker sees it (the api counts the
 * owners' side under the same names):
 *
 * <ul>
 *   <li>{@code webhooks.endpoints.disabled} (counter), tagged {@code reason} = {@code gone} or
 *       {@code failing}: endpoints the service disabled;
 *   <li>{@code webhooks.endpoints.enabled} (counter), tagged {@code by} = {@code probe} or {@code
 *       user}: endpoints enabled again after the service disabled them;
 *   <li>{@code webhooks.deliveries.held} (counter): deliveries held because their endpoint was
 *       disabled (pending ones at the disable, new ones at dispatch);
 *   <li>{@code webhooks.deliveries.released} (counter), tagged {@code outcome} = {@code success},
 *       {@code failure} or {@code skipped}: held deliveries sent again by a release.
 * </ul>
 */
public final class ReceiverMetrics {

  static final String DISABLED = "webhooks.endpoints.disabled";
  static final String ENABLED = "webhooks.endpoints.enabled";
  static final String HELD = "webhooks.deliveries.held";
  static final String RELEASED = "webhooks.deliveries.released";

  private final MeterRegistry registry;

  public ReceiverMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void disabled(String reason, int held) {
    Counter.builder(DISABLED)
        .description("Endpoints disabled by the service: the receiver answered 410 or kept failing")
        .tag("reason", reason)
        .register(registry)
        .increment();
    held(held);
  }

  void enabled(String by) {
    Counter.builder(ENABLED)
        .description("Endpoints enabled again after the service disabled them")
        .tag("by", by)
        .register(registry)
        .increment();
  }

  void held(int count) {
    Counter.builder(HELD)
        .description("Deliveries held because their endpoint was disabled")
        .register(registry)
        .increment(count);
  }

  void released(String outcome) {
    Counter.builder(RELEASED)
        .description("Held deliveries sent again when their endpoint was enabled")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }
}
