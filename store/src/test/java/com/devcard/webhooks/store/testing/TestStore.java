package com.devcard.webhooks.store.testing;

import com.devcard.webhooks.store.JdbcColumns;
import com.devcard.webhooks.store.delivery.AttemptRecordRepository;
import com.devcard.webhooks.store.delivery.CancelReopenRepository;
import com.devcard.webhooks.store.delivery.DeliveryLogRepository;
import com.devcard.webhooks.store.delivery.DispatchRepository;
import com.devcard.webhooks.store.delivery.PendingDeliveryRepository;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import com.devcard.webhooks.store.endpoint.EndpointStates;
import com.devcard.webhooks.store.ratelimit.RateLimitSlots;
import com.devcard.webhooks.store.recovery.RecoveryRepository;
import java.time.Instant;
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
    DeliveryLogRepository deliveryLog,
    AttemptRecordRepository attemptRecords,
    CancelReopenRepository cancellations,
    PendingDeliveryRepository pending,
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

  /**
   * The database's clock now: rate-limit slots are kept on it, the one clock every worker shares.
   */
  public Instant databaseNow() {
    return jdbc.sql("select clock_timestamp() as now")
        .query((rs, rowNum) -> JdbcColumns.instant(rs, "now"))
        .single();
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
        new DeliveryLogRepository(jdbc, transactions),
        new AttemptRecordRepository(jdbc, transactions),
        new CancelReopenRepository(jdbc),
        new PendingDeliveryRepository(jdbc),
        new RateLimitSlots(jdbc));
  }
}
