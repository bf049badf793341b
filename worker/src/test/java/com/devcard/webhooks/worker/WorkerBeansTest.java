package com.devcard.webhooks.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.store.delivery.DeliveryRepository;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import com.devcard.webhooks.store.endpoint.EndpointStates;
import com.devcard.webhooks.store.ratelimit.RateLimitSlots;
import com.devcard.webhooks.store.recovery.RecoveryRepository;
import com.devcard.webhooks.store.testing.TestStore;
import com.devcard.webhooks.worker.attempt.DeliveryActivitiesImpl;
import com.devcard.webhooks.worker.http.OutboundHttpSettings;
import com.devcard.webhooks.worker.http.WebhookHttpClient;
import com.devcard.webhooks.workflows.DeliveryActivities;
import com.devcard.webhooks.workflows.RecoveryActivities;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class WorkerBeansTest {

  private static TestStore store;

  @BeforeAll
  static void database() {
    store = TestStore.fresh();
  }

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withBean(DeliveryRepository.class, () -> store.deliveries())
        .withBean(EndpointRepository.class, () -> store.endpoints())
        .withBean(RateLimitSlots.class, () -> store.rateLimits())
        .withBean(EndpointStates.class, () -> store.states())
        .withBean(
            RecoveryRepository.class,
            () ->
                new RecoveryRepository(
                    store.jdbc(),
                    new TransactionTemplate(new DataSourceTransactionManager(store.dataSource()))))
        .withUserConfiguration(WorkerBeans.class);
  }

  @Test
  void theActivityAndTheClientAreBeansConfiguredFromProperties() {
    runner()
        .withPropertyValues(
            "webhooks.delivery.timeout=3s",
            "webhooks.allow-private-targets=true",
            "webhooks.allow-http=true")
        .run(
            context -> {
              assertThat(context).hasSingleBean(DeliveryActivities.class);
              assertThat(context).hasSingleBean(DeliveryActivitiesImpl.class);
              assertThat(context).hasSingleBean(RecoveryActivities.class);
              assertThat(context).hasSingleBean(WebhookHttpClient.class);
              OutboundHttpSettings settings = context.getBean(OutboundHttpSettings.class);
              assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(3));
              assertThat(settings.allowPrivateTargets()).isTrue();
              assertThat(settings.allowHttp()).isTrue();
              assertThat(settings.userAgent()).startsWith("DevCard-Webhooks/");
            });
  }

  @Test
  void defaultsAreFiveSecondsHttpsOnlyAndPublicTargetsOnly() {
    runner()
        .run(
            context -> {
              OutboundHttpSettings settings = context.getBean(OutboundHttpSettings.class);
              assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(5));
              assertThat(settings.allowPrivateTargets()).isFalse();
              assertThat(settings.allowHttp()).isFalse();
            });
  }

  @Test
  void aTimeoutAboveTheCapStopsTheStartup() {
    runner()
        .withPropertyValues("webhooks.delivery.timeout=2m")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessage("webhooks.delivery.timeout must be at most 60s"));
  }
}
