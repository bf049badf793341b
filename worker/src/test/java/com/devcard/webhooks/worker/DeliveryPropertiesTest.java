package com.devcard.webhooks.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class DeliveryPropertiesTest {

  @Test
  void theTimeoutIsFiveSecondsUnlessSet() {
    assertThat(delivery(Map.of()).timeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void theEnvironmentVariableSetsTheTimeout() {
    assertThat(delivery(Map.of("WEBHOOKS_DELIVERY_TIMEOUT", "2500ms")).timeout())
        .isEqualTo(Duration.ofMillis(2_500));
  }

  @Test
  void aTimeoutOverSixtySecondsIsRefusedAtBinding() {
    assertThatThrownBy(() -> delivery(Map.of("WEBHOOKS_DELIVERY_TIMEOUT", "61s")))
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessage("webhooks.delivery.timeout must be at most 60s");
  }

  @Test
  void anUndecryptableSecretGetsTwoMinutesOfRetriesUnlessSet() {
    assertThat(delivery(Map.of()).keysetRolloutGrace()).isEqualTo(Duration.ofMinutes(2));
    assertThat(
            delivery(Map.of("WEBHOOKS_DELIVERY_KEYSET_ROLLOUT_GRACE", "30s")).keysetRolloutGrace())
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aKeysetRolloutGraceOverAnHourIsRefusedAtBinding() {
    assertThatThrownBy(() -> delivery(Map.of("WEBHOOKS_DELIVERY_KEYSET_ROLLOUT_GRACE", "2h")))
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessage("webhooks.delivery.keyset-rollout-grace must be between 0s and 1h");
  }

  private static DeliveryProperties delivery(Map<String, Object> environment) {
    return binder(environment)
        .bindOrCreate("webhooks.delivery", Bindable.of(DeliveryProperties.class));
  }

  private static Binder binder(Map<String, Object> environment) {
    MutablePropertySources sources = new MutablePropertySources();
    sources.addFirst(new SystemEnvironmentPropertySource("systemEnvironment", environment));
    return new Binder(ConfigurationPropertySources.from(sources));
  }
}
