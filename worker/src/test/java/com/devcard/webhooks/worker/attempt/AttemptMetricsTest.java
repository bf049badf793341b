package com.devcard.webhooks.worker.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AttemptMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AttemptMetrics metrics = new AttemptMetrics(registry);

  @Test
  void statusCodesAreCountedByClassAndNoResponseIsNone() {
    assertThat(AttemptMetrics.statusClass(204)).isEqualTo("2xx");
    assertThat(AttemptMetrics.statusClass(302)).isEqualTo("3xx");
    assertThat(AttemptMetrics.statusClass(429)).isEqualTo("4xx");
    assertThat(AttemptMetrics.statusClass(503)).isEqualTo("5xx");
    assertThat(AttemptMetrics.statusClass(null)).isEqualTo("none");
    assertThat(AttemptMetrics.statusClass(199)).isEqualTo("other");
  }

  @Test
  void eachAttemptIsCountedByOutcomeAndStatusClassAndTimed() {
    metrics.sent(true, 200, 40);
    metrics.sent(false, 503, 60);
    metrics.sent(false, 503, 70);
    metrics.sent(false, null, 5000);
    metrics.cancelled();
    metrics.secretUndecryptable();

    assertThat(count("success", "2xx")).isEqualTo(1);
    assertThat(count("failure", "5xx")).isEqualTo(2);
    assertThat(count("failure", "none")).isEqualTo(1);
    assertThat(count("cancelled", "none")).isEqualTo(1);
    assertThat(count("secret_undecryptable", "none")).isEqualTo(1);
    // The histogram's buckets show in Prometheus (ObservabilityIT); here, what was recorded.
    Timer failures = registry.get(AttemptMetrics.DURATION).tag("outcome", "failure").timer();
    assertThat(failures.count()).isEqualTo(3);
    assertThat(failures.max(TimeUnit.MILLISECONDS)).isEqualTo(5000);
    assertThat(registry.find(AttemptMetrics.DURATION).tag("outcome", "cancelled").timer()).isNull();
    assertThat(
            registry.find(AttemptMetrics.DURATION).tag("outcome", "secret_undecryptable").timer())
        .isNull();
  }

  private double count(String outcome, String statusClass) {
    return registry
        .get(AttemptMetrics.ATTEMPTS)
        .tag("outcome", outcome)
        .tag("status_class", statusClass)
        .counter()
        .count();
  }
}
