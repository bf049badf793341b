package com.devcard.webhooks.store.testing;

import com.devcard.webhooks.store.delivery.DeliveryRepository;
import com.devcard.webhooks.store.delivery.DispatchRepository;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import com.devcard.webhooks.store.endpoint.EndpointStates;
import com.devcard.webhooks.store.ratelimit.RateLimitSlots;
import com.devcard.webhooks.store.recovery.RecoveryRepository;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The store's repositories wired on one test database, as the application wires them. */
public record TestStore(
    DataSource dataSource,
    JdbcClient jdbc,
    EndpointRepository endpoints,
    DispatchRepository dispatches,
    DeliveryRepository deliveries,
    RateLimitSlots rateLimits) {

  /** Repositories on a new migrated database, using {@link EmbeddedDatabase#testCipher()}. */
  public static TestStore fresh() {
    return on(EmbeddedDatabase.freshDataSource());
  }

  /** Bulk recoveries and releases, on the same database. */
  public RecoveryRepository recoveries() {
    return new RecoveryRepository(
        jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
  }

  /** The endpoint state changes, on the same database. */
  public EndpointStates states() {
    return new EndpointStates(
        jdbc, new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
  }

  public static TestStore on(DataSource dataSource) {
    JdbcClient jdbc = JdbcClient.create(dataSource);
    TransactionTemplate transactions =
        new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    return new TestStore(
        dataSource,
        jdbc,
        new EndpointRepository(jdbc, EmbeddedDatabase.testCipher(), transactions),
        new DispatchRepository(jdbc, transactions),
        new DeliveryRepository(jdbc, transactions),
        new RateLimitSlots(jdbc));
  }
}
