package com.devcard.webhooks.app.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.serviceclient.GrpcCompression;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class TemporalPropertiesTest {

  /** Binds from environment variables, as operators set them. */
  private static Binder environment(Map<String, Object> variables) {
    MutablePropertySources sources = new MutablePropertySources();
    sources.addFirst(new SystemEnvironmentPropertySource("systemEnvironment", variables));
    return new Binder(ConfigurationPropertySources.from(sources));
  }

  private static TemporalProperties bind(Map<String, Object> variables) {
    return environment(variables).bindOrCreate("webhooks.temporal", TemporalProperties.class);
  }

  private static TemporalServerProperties server(Map<String, Object> variables) {
    return environment(variables).bindOrCreate("temporal", TemporalServerProperties.class);
  }

  @Test
  void defaultsSendCallsUncompressed() {
    TemporalProperties properties = bind(Map.of());

    assertThat(properties.maxConcurrentAttempts()).isEqualTo(1000);
    assertThat(properties.stickyDrain()).isEqualTo(Duration.ofSeconds(5));
    assertThat(properties.stickyScheduleToStart()).isEqualTo(Duration.ofSeconds(5));
    assertThat(properties.grpcCompression()).isEqualTo(GrpcCompression.NONE);
  }

  @Test
  void noWorkerSlotsOrANegativeStickyTimeoutFailTheStartNamingTheSetting() {
    assertThatThrownBy(() -> bind(Map.of("WEBHOOKS_TEMPORAL_MAX_CONCURRENT_WORKFLOW_TASKS", "0")))
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessageContaining("max-concurrent-workflow-tasks");
    assertThatThrownBy(() -> bind(Map.of("WEBHOOKS_TEMPORAL_STICKY_SCHEDULE_TO_START", "-1s")))
        .isInstanceOf(BindException.class)
        .rootCause()
        .hasMessageContaining("sticky-schedule-to-start");
  }

  @Test
  void theAddressHasNoDefaultAndTheNamespaceDefaultsToDefault() {
    TemporalServerProperties server = server(Map.of());

    assertThat(server.address()).isNull();
    assertThat(server.namespace()).isEqualTo("default");
  }

  @Test
  void temporalAddressAndNamespaceAreReadUnderTheirOwnNames() {
    TemporalServerProperties server =
        server(Map.of("TEMPORAL_ADDRESS", "temporal:7233", "TEMPORAL_NAMESPACE", "webhooks"));

    assertThat(server.address()).isEqualTo("temporal:7233");
    assertThat(server.namespace()).isEqualTo("webhooks");
  }

  @Test
  void gzipCanBeChosenAndAnUnknownCompressionIsRefused() {
    assertThat(bind(Map.of("WEBHOOKS_TEMPORAL_GRPC_COMPRESSION", "gzip")).grpcCompression())
        .isEqualTo(GrpcCompression.GZIP);
    assertThatThrownBy(() -> bind(Map.of("WEBHOOKS_TEMPORAL_GRPC_COMPRESSION", "brotli")))
        .isInstanceOf(BindException.class);
  }
}
