package com.devcard.webhooks.app.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.serviceclient.GrpcCompression;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class TemporalPropertiesTest {

  private static TemporalProperties bind(Map<String, String> settings) {
    return new Binder(new MapConfigurationPropertySource(settings))
        .bindOrCreate("webhooks.temporal", TemporalProperties.class);
  }

  @Test
  void defaultsSendCallsUncompressed() {
    TemporalProperties properties = bind(Map.of());

    // No address is guessed: the service refuses to start without TEMPORAL_ADDRESS.
    assertThat(properties.address()).isNull();
    assertThat(properties.namespace()).isEqualTo("default");
    assertThat(properties.maxConcurrentAttempts()).isEqualTo(1000);
    assertThat(properties.stickyDrain()).isEqualTo(Duration.ofSeconds(5));
    assertThat(properties.grpcCompression()).isEqualTo(GrpcCompression.NONE);
  }

  @Test
  void gzipCanBeChosenAndAnUnknownCompressionIsRefused() {
    assertThat(bind(Map.of("webhooks.temporal.grpc-compression", "gzip")).grpcCompression())
        .isEqualTo(GrpcCompression.GZIP);
    assertThatThrownBy(() -> bind(Map.of("webhooks.temporal.grpc-compression", "brotli")))
        .isInstanceOf(BindException.class);
  }
}
