package com.devcard.webhooks.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.netguard.HostResolver;
import com.devcard.webhooks.netguard.TargetPolicy;
import com.devcard.webhooks.store.delivery.AttemptRecordRepository;
import com.devcard.webhooks.store.delivery.CancelReopenRepository;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import com.devcard.webhooks.store.endpoint.EndpointStates;
import com.devcard.webhooks.store.ratelimit.RateLimitSlots;
import com.devcard.webhooks.store.recovery.RecoveryRepository;
import com.devcard.webhooks.store.testing.TestStore;
import com.devcard.webhooks.worker.attempt.DeliveryActivitiesImpl;
import com.devcard.webhooks.worker.http.HttpAttemptResult;
import com.devcard.webhooks.worker.http.OutboundHttpSettings;
import com.devcard.webhooks.worker.http.WebhookHttpClient;
import com.devcard.webhooks.workflows.DeliveryActivities;
import com.devcard.webhooks.workflows.RecoveryActivities;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
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
    return runner(new TargetPolicy(false, false, HostResolver.system()));
  }

  private ApplicationContextRunner runner(TargetPolicy targets) {
    return new ApplicationContextRunner()
        .withBean(TargetPolicy.class, () -> targets)
        .withBean(AttemptRecordRepository.class, () -> store.attemptRecords())
        .withBean(CancelReopenRepository.class, () -> store.cancellations())
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
        .withPropertyValues("webhooks.delivery.timeout=3s")
        .run(
            context -> {
              assertThat(context).hasSingleBean(DeliveryActivities.class);
              assertThat(context).hasSingleBean(DeliveryActivitiesImpl.class);
              assertThat(context).hasSingleBean(RecoveryActivities.class);
              assertThat(context).hasSingleBean(WebhookHttpClient.class);
              OutboundHttpSettings settings = context.getBean(OutboundHttpSettings.class);
              assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(3));
              assertThat(settings.userAgent()).startsWith("DevCard-Webhooks/");
            });
  }

  @Test
  void theTimeoutIsFiveSecondsByDefault() {
    runner()
        .run(
            context ->
                assertThat(context.getBean(OutboundHttpSettings.class).timeout())
                    .isEqualTo(Duration.ofSeconds(5)));
  }

  @Test
  void theClientDialsUnderTheApplicationsTargetPolicy() throws Exception {
    HttpServer receiver =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    try {
      runner(new TargetPolicy(true, true, HostResolver.system()))
          .run(
              context -> {
                HttpAttemptResult result =
                    context.getBean(WebhookHttpClient.class).post(url, Map.of(), body);
                assertThat(result.statusCode()).isEqualTo(204);
              });
      runner(new TargetPolicy(true, false, HostResolver.system()))
          .run(
              context -> {
                HttpAttemptResult result =
                    context.getBean(WebhookHttpClient.class).post(url, Map.of(), body);
                assertThat(result.statusCode()).isNull();
                assertThat(result.error()).startsWith("target address forbidden");
              });
    } finally {
      receiver.stop(0);
    }
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
