package com.devcard.webhooks.api;

import com.devcard.webhooks.netguard.TargetPolicy;
import com.devcard.webhooks.store.delivery.AttemptRecordRepository;
import com.devcard.webhooks.store.delivery.CancelReopenRepository;
import com.devcard.webhooks.store.delivery.DeliveryLogRepository;
import com.devcard.webhooks.store.delivery.DispatchRepository;
import com.devcard.webhooks.store.delivery.PendingDeliveryRepository;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import com.devcard.webhooks.store.endpoint.EndpointStates;
import com.devcard.webhooks.store.health.EndpointHealthRepository;
import com.devcard.webhooks.store.limit.ManualActionRepository;
import com.devcard.webhooks.store.operational.OperationalEndpoint;
import com.devcard.webhooks.store.portal.PortalSessionRepository;
import com.devcard.webhooks.store.recovery.RecoveryRepository;
import com.devcard.webhooks.store.retention.RetentionRepository;
import com.devcard.webhooks.store.secret.SecretCipher;
import com.devcard.webhooks.store.secret.SecretReEncryptor;
import com.devcard.webhooks.store.sweep.SweepLocks;
import com.devcard.webhooks.testkit.WebhooksStack;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/**
 * What {@link ApiSliceTest} adds to the web slice: every component of the api module, as the api
 * role scans it, less the background sweeps; the store's repositories on the stack's database,
 * migrated by Liquibase at start; and the stack's Temporal, master key and token secret.
 */
@Configuration(proxyBeanMethods = false)
@ComponentScan(
    basePackages = "com.devcard.webhooks.api",
    // Scheduled sweeps, not part of answering a request.
    excludeFilters =
        @ComponentScan.Filter(
            type = FilterType.REGEX,
            pattern = "com\\.devcard\\.webhooks\\.api\\..*(Reconciler|Eraser)"))
@ConfigurationPropertiesScan("com.devcard.webhooks.api")
// Named one by one: the store's test jar is on this classpath, and scanning its package would pick
// up its tests' configurations too.
@Import({
  EndpointRepository.class,
  DispatchRepository.class,
  DeliveryLogRepository.class,
  AttemptRecordRepository.class,
  CancelReopenRepository.class,
  PendingDeliveryRepository.class,
  RecoveryRepository.class,
  RetentionRepository.class,
  ManualActionRepository.class,
  EndpointHealthRepository.class,
  EndpointStates.class,
  OperationalEndpoint.class,
  PortalSessionRepository.class,
  SweepLocks.class,
  SecretReEncryptor.class
})
@ImportAutoConfiguration({
  DataSourceAutoConfiguration.class,
  DataSourceTransactionManagerAutoConfiguration.class,
  JdbcTemplateAutoConfiguration.class,
  JdbcClientAutoConfiguration.class,
  LiquibaseAutoConfiguration.class
})
class ApiSliceConfiguration {

  @Bean
  SecretCipher secretCipher(WebhooksStack stack) {
    return SecretCipher.fromKeysetJson(stack.masterKeyJson());
  }

  @Bean
  TargetPolicy targetPolicy() {
    return TestTargets.policy();
  }

  @Bean(destroyMethod = "shutdown")
  WorkflowServiceStubs workflowServiceStubs(WebhooksStack stack) {
    return TestTemporal.stubs(stack.temporalAddress());
  }

  @Bean
  WorkflowClient workflowClient(WorkflowServiceStubs stubs) {
    return TestTemporal.client(stubs);
  }

  @Bean
  TestTokens testTokens(WebhooksStack stack) {
    return new TestTokens(stack.jwtSecret());
  }

  @Bean
  ApiCalls apiCalls(MockMvcTester mvc, TestTokens tokens) {
    return new ApiCalls(mvc, tokens);
  }

  @Bean
  TestData testData(
      EndpointRepository endpoints,
      DispatchRepository dispatches,
      DeliveryLogRepository deliveryLog,
      AttemptRecordRepository attemptRecords) {
    return new TestData(endpoints, dispatches, deliveryLog, attemptRecords);
  }
}
