package com.devcard.webhooks.api.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** {@code WEBHOOKS_RETENTION} as operators set it, and the start it stops. */
class RetentionPropertiesTest {

  @Test
  void finishedDeliveriesAreKeptThirtyDaysUnlessSetOtherwise() {
    RetentionProperties defaults = bind(Map.of());
    assertThat(defaults.retention()).isEqualTo(Duration.ofDays(30));
    assertThat(defaults.retentionSweepEvery()).isEqualTo(Duration.ofMinutes(1));

    RetentionProperties set =
        bind(Map.of("webhooks.retention", "90d", "webhooks.retention-sweep-every", "10s"));
    assertThat(set.retention()).isEqualTo(Duration.ofDays(90));
    assertThat(set.retentionSweepEvery()).isEqualTo(Duration.ofSeconds(10));
    assertThat(bind(Map.of("webhooks.retention", "12h")).retention())
        .isEqualTo(Duration.ofHours(12));
  }

  @Test
  void aRetentionThatIsNotPositiveStopsTheStartAndSaysWhichSetting() {
    for (String value : new String[] {"0s", "0", "-1d"}) {
      assertThatThrownBy(() -> bind(Map.of("webhooks.retention", value)))
          .as(value)
          .isInstanceOf(BindException.class)
          .rootCause()
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("WEBHOOKS_RETENTION")
          .hasMessageContaining("must be positive");
    }
    assertThatThrownBy(() -> bind(Map.of("webhooks.retention-sweep-every", "0s")))
        .rootCause()
        .hasMessageContaining("WEBHOOKS_RETENTION_SWEEP_EVERY");
  }

  private static RetentionProperties bind(Map<String, String> settings) {
    return new Binder(new MapConfigurationPropertySource(settings))
        .bindOrCreate("webhooks", RetentionProperties.class);
  }
}
