package com.devcard.webhooks.api.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class UserLimitsPropertiesTest {

  private static UserLimitsProperties bind(Map<String, String> settings) {
    return new Binder(new MapConfigurationPropertySource(settings))
        .bindOrCreate("webhooks.limits", UserLimitsProperties.class);
  }

  @Test
  void defaultsAreTenActionsPerMinuteAndTwentyManualAttempts() {
    UserLimitsProperties limits = bind(Map.of());

    assertThat(limits.manualActionsPerMinute()).isEqualTo(10);
    assertThat(limits.maxManualAttempts()).isEqualTo(20);
  }

  @Test
  void bothAreConfigurable() {
    UserLimitsProperties limits =
        bind(
            Map.of(
                "webhooks.limits.manual-actions-per-minute", "3",
                "webhooks.limits.max-manual-attempts", "7"));

    assertThat(limits.manualActionsPerMinute()).isEqualTo(3);
    assertThat(limits.maxManualAttempts()).isEqualTo(7);
  }

  @Test
  void aLimitBelowOneStopsTheStart() {
    assertThatThrownBy(() -> bind(Map.of("webhooks.limits.manual-actions-per-minute", "0")))
        .isInstanceOf(BindException.class)
        .hasRootCauseMessage(
            "webhooks.limits.manual-actions-per-minute must be between 1 and 10000");
    assertThatThrownBy(() -> bind(Map.of("webhooks.limits.max-manual-attempts", "-1")))
        .isInstanceOf(BindException.class)
        .hasRootCauseMessage("webhooks.limits.max-manual-attempts must be between 1 and 1000");
  }
}
