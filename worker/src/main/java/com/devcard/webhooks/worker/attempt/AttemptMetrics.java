package com.devcard.webhooks.worker.attempt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The attempts this worker makes, for Prometheus:
 *
 * <ul>
 *   <li>{@code webhooks.delivery.attempts} (counter), tagged {@code outcome} = {@code success},
 *       {@code failure}, {@code cancelled} (no request made) or {@code secret_undecryptable} (a
 *       failed attempt, no request made: no key of the master keyset opens the endpoint's secret)
 *       and {@code status_class} = {@code 2xx}, {@code 3xx}, {@code 4xx}, {@code 5xx}, {@code
 *       other} or {@code none} (no response: timeout, refused, forbidden address, or no request);
 *   <li>{@code webhooks.delivery.attempt.duration} (timer with a histogram), tagged {@code
 *       outcome}: how long requests took, connect to last byte;
 *   <li>{@code webhooks.delivery.attempts.throttled} (counter): attempts that were not started
 *       because their endpoint's rate limit had no room, and waited for a later slot.
 * </ul>
 */
public final class AttemptMetrics {

  static final String ATTEMPTS = "webhooks.delivery.attempts";
  static final String DURATION = "webhooks.delivery.attempt.duration";
  static final String THROTTLED = "webhooks.delivery.attempts.throttled";

  private final MeterRegistry registry;

  public AttemptMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void sent(boolean succeeded, Integer statusCode, long durationMs) {
    String outcome = succeeded ? "success" : "failure";
    count(outcome, statusClass(statusCode));
    Timer.builder(DURATION)
        .description("Duration of webhook delivery requests, connect to last byte")
        .tag("outcome", outcome)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(60))
        .register(registry)
        .record(Duration.ofMillis(durationMs));
  }

  /** An attempt that waits for a slot of its endpoint's rate limit instead of starting now. */
  void throttled() {
    Counter.builder(THROTTLED)
        .description("Attempts that waited for a slot of their endpoint's rate limit")
        .register(registry)
        .increment();
  }

  void cancelled() {
    count("cancelled", "none");
  }

  void secretUndecryptable() {
    count("secret_undecryptable", "none");
  }

  /** {@code 2xx} ... {@code 5xx}; {@code none} when no response came. */
  static String statusClass(Integer statusCode) {
    if (statusCode == null) {
      return "none";
    }
    int hundreds = statusCode / 100;
    return hundreds >= 2 && hundreds <= 5 ? hundreds + "xx" : "other";
  }

  private void count(String outcome, String statusClass) {
    Counter.builder(ATTEMPTS)
        .description("Webhook delivery attempts made by this worker")
        .tag("outcome", outcome)
        .tag("status_class", statusClass)
        .register(registry)
        .increment();
  }
}
