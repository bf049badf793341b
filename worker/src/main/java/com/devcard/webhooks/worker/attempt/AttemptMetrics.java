package com.devcard.webhooks.worker.attempt;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Counts and times the attempts this worker makes: {@code webhooks.delivery.attempts} tagged {@code
 * outcome} = {@code success}, {@code failure} or {@code cancelled} (no request made).
 */
public final class AttemptMetrics {

  static final String NAME = "webhooks.delivery.attempts";

  private final Timer success;
  private final Timer failure;
  private final Timer cancelled;

  public AttemptMetrics(MeterRegistry registry) {
    this.success = timer(registry, "success");
    this.failure = timer(registry, "failure");
    this.cancelled = timer(registry, "cancelled");
  }

  void sent(boolean succeeded, long durationMs) {
    (succeeded ? success : failure).record(Duration.ofMillis(durationMs));
  }

  void cancelled() {
    cancelled.record(Duration.ZERO);
  }

  private static Timer timer(MeterRegistry registry, String outcome) {
    return Timer.builder(NAME)
        .description("Webhook delivery attempts made by this worker")
        .tag("outcome", outcome)
        .register(registry);
  }
}
