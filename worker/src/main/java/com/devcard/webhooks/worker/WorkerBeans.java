package com.devcard.webhooks.worker;

import com.devcard.webhooks.netguard.TargetPolicy;
import com.devcard.webhooks.worker.attempt.AttemptMetrics;
import com.devcard.webhooks.worker.attempt.ReceiverMetrics;
import com.devcard.webhooks.worker.http.OperationalHttpClient;
import com.devcard.webhooks.worker.http.OutboundHttpSettings;
import com.devcard.webhooks.worker.http.WebhookHttpClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * The worker's beans: the outbound client and the attempt activity ({@code DeliveryActivitiesImpl},
 * found by the scan below). Import this class where the worker role runs; the store's repositories
 * and the application's {@link TargetPolicy} must be beans there too.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({DeliveryProperties.class, ReceiverProperties.class})
@ComponentScan(basePackageClasses = WorkerBeans.class)
public class WorkerBeans {

  /** {@code DevCard-Webhooks/<version>}, the version read from the worker jar's manifest. */
  public static String userAgent() {
    String version = WorkerBeans.class.getPackage().getImplementationVersion();
    return "DevCard-Webhooks/" + (version == null ? "dev" : version);
  }

  @Bean
  OutboundHttpSettings outboundHttpSettings(DeliveryProperties delivery) {
    return new OutboundHttpSettings(delivery.timeout(), userAgent());
  }

  @Bean(destroyMethod = "close")
  WebhookHttpClient webhookHttpClient(OutboundHttpSettings settings, TargetPolicy targets) {
    return new WebhookHttpClient(settings, targets);
  }

  @Bean(destroyMethod = "close")
  OperationalHttpClient operationalHttpClient(OutboundHttpSettings settings) {
    return new OperationalHttpClient(settings);
  }

  @Bean
  ReceiverMetrics receiverMetrics(ObjectProvider<MeterRegistry> registry) {
    return new ReceiverMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
  }

  @Bean
  AttemptMetrics attemptMetrics(ObjectProvider<MeterRegistry> registry) {
    // Without a registry (no actuator) the numbers are kept locally and simply not exported.
    return new AttemptMetrics(registry.getIfAvailable(SimpleMeterRegistry::new));
  }
}
