package com.devcard.webhooks.store.testing;

import com.devcard.webhooks.store.JdbcColumns;
import com.devcard.webhooks.store.delivery.AttemptRecordRepository;
import com.devcard.webhooks.store.delivery.AttemptResult;
import com.devcard.webhooks.store.delivery.CancelReopenRepository;
import com.devcard.webhooks.store.delivery.DeliveryLogRepository;
import com.devcard.webhooks.store.delivery.DispatchRepository;
import com.devcard.webhooks.store.delivery.PendingDeliveryRepository;
import com.devcard.webhooks.store.delivery.RecordedAttempt;
import com.devcard.webhooks.store.endpoint.CreatedEndpoint;
import com.devcard.webhooks.store.endpoint.EndpointChanges;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import com.devcard.webhooks.store.endpoint.EndpointStates;
import com.devcard.webhooks.store.endpoint.EndpointUpdate;
import com.devcard.webhooks.store.endpoint.NewEndpoint;
import com.devcard.webhooks.store.ratelimit.RateLimitSlots;
import com.devcard.webhooks.store.recovery.RecoveryRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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

  /** Generous, so set-up never runs into the per-user limit a test may be about. */
  private static final int MAX_ENDPOINTS = 50;

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

  /** An active endpoint of the user at a placeholder URL, subscribed to {@code a}: its id. */
  public String newEndpoint(String userId) {
    return createEndpoint(userId, "https://hooks.example.com/in", "a").endpoint().id();
  }

  /** An active endpoint of the user at the URL, with its secret as its creation shows it once. */
  public CreatedEndpoint createEndpoint(String userId, String url, String... eventTypes) {
    return endpoints.create(new NewEndpoint(userId, url, List.of(eventTypes), null), MAX_ENDPOINTS);
  }

  /** Activates or deactivates the endpoint, as its owner does, changing nothing else. */
  public Optional<EndpointUpdate> setActive(String userId, String endpointId, boolean active) {
    return endpoints.update(
        userId,
        endpointId,
        new EndpointChanges(
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(active)));
  }

  /**
   * A new event of the user aimed at the one endpoint, or with {@code onlyEndpointId} null at every
   * endpoint of the user subscribed to its type.
   */
  public TestEvent event(String userId, String onlyEndpointId) {
    return new TestEvent(dispatches, userId, onlyEndpointId);
  }

  /**
   * Records an attempt under a key of its own with no retry after it: the delivery ends with it.
   */
  public RecordedAttempt recordAttempt(String deliveryId, AttemptResult result) {
    return attemptRecords.recordAttempt(
        deliveryId, "key-" + UUID.randomUUID(), result, Optional.empty());
  }

  /** Sessions of this database blocked on a lock now: a row's, or an advisory one. */
  public long sessionsWaitingForALock() {
    return jdbc.sql(
            "select count(*) from pg_stat_activity"
                + " where datname = current_database() and wait_event_type = 'Lock'")
        .query(Long.class)
        .single();
  }

  /**
   * The database's clock now: rate-limit slots are kept on it, the one clock every worker shares.
   */
  public Instant databaseNow() {
    return jdbc.sql("select clock_timestamp() as now")
        .query((rs, rowNum) -> JdbcColumns.instant(rs, "now"))
        .single();
  }

  /** How many starts the endpoint's rate-limit window keeps. */
  public int rateLimitStartsKept(String endpointId) {
    return jdbc.sql(
            "select cardinality(recent_starts) from webhook_endpoint_rate_slots"
                + " where endpoint_id = :id")
        .param("id", endpointId)
        .query(Integer.class)
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
