package com.devcard.webhooks.api.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class UserLimitsPropertiesTest {

  /** Binds from environment variables, as operators set them. */
  private static UserLimitsProperties bind(Map<String, Object> variables) {
    MutablePropertySources sources = new MutablePropertySources();
    sources.addFirst(new SystemEnvironmentPropertySource("systemEnvironment", variables));
    return new Binder(ConfigurationPropertySources.from(sources))
        .bindOrCreate("webhooks", UserLimitsProperties.class);
  }

  @Test
  void defaultsAreTenActionsPerMinuteAndTwentyManualAttempts() {
    UserLimitsProperties limits = bind(Map.of());

    assertThat(limits.manualActionsPerMinute()).isEqualTo(10);
    assertThat(limits.maxManualAttempts()).isEqualTo(20);
  }

  @Test
  void bothAreSetByTheirEnvironmentVariables() {
    UserLimitsProperties limits =
        bind(
            Map.of(
                "WEBHOOKS_MANUAL_ACTIONS_PER_MINUTE", "3",
                "WEBHOOKS_MAX_MANUAL_ATTEMPTS", "7"));

    assertThat(limits.manualActionsPerMinute()).isEqualTo(3);
    assertThat(limits.maxManualAttempts()).isEqualTo(7);
  }

  @Test
  void aLimitBelowOneStopsTheStart() {
    assertThatThrownBy(() -> bind(Map.of("WEBHOOKS_MANUAL_ACTIONS_PER_MINUTE", "0")))
        .isInstanceOf(BindException.class)
        .hasRootCauseMessage("webhooks.manual-actions-per-minute must be between 1 and 10000");
    assertThatThrownBy(() -> bind(Map.of("WEBHOOKS_MAX_MANUAL_ATTEMPTS", "-1")))
        .isInstanceOf(BindException.class)
        .hasRootCauseMessage("webhooks.max-manual-attempts must be between 1 and 1000");
  }
}
