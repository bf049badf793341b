package com.devcard.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.store.delivery.AttemptRecordRepository;
import com.devcard.webhooks.store.delivery.CancelReopenRepository;
import com.devcard.webhooks.store.delivery.DeliveryLogRepository;
import com.devcard.webhooks.store.delivery.DispatchRepository;
import com.devcard.webhooks.store.delivery.PendingDeliveryRepository;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import com.devcard.webhooks.store.endpoint.NewEndpoint;
import com.devcard.webhooks.store.secret.SecretCipher;
import com.devcard.webhooks.store.testing.EmbeddedDatabase;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/** The repositories are picked up by component scanning and built from the usual beans. */
class RepositoryWiringTest {

  @Configuration
  @ComponentScan(basePackageClasses = Ids.class)
  static class StoreBeans {

    @Bean
    DataSource dataSource() {
      return EmbeddedDatabase.freshDataSource();
    }

    @Bean
    JdbcClient jdbcClient(DataSource dataSource) {
      return JdbcClient.create(dataSource);
    }

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
      return new DataSourceTransactionManager(dataSource);
    }

    @Bean
    SecretCipher secretCipher() {
      return EmbeddedDatabase.testCipher();
    }
  }

  @Test
  void aSpringContextBuildsEveryRepository() {
    try (var context = new AnnotationConfigApplicationContext(StoreBeans.class)) {
      EndpointRepository endpoints = context.getBean(EndpointRepository.class);

      assertThat(context.getBean(DispatchRepository.class)).isNotNull();
      assertThat(context.getBean(DeliveryLogRepository.class)).isNotNull();
      assertThat(context.getBean(AttemptRecordRepository.class)).isNotNull();
      assertThat(context.getBean(CancelReopenRepository.class)).isNotNull();
      assertThat(context.getBean(PendingDeliveryRepository.class)).isNotNull();
      String id =
          endpoints
              .create(new NewEndpoint("u1", "https://example.com", List.of("a"), null), 1)
              .endpoint()
              .id();
      assertThat(endpoints.findById(id)).isPresent();
    }
  }
}
