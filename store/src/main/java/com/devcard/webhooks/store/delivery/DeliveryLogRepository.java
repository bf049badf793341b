package com.devcard.webhooks.store.delivery;

import static com.devcard.webhooks.store.JdbcColumns.instant;
import static com.devcard.webhooks.store.JdbcColumns.nullableInt;
import static com.devcard.webhooks.store.JdbcColumns.nullableMillis;
import static com.devcard.webhooks.store.JdbcColumns.timestamp;

import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.store.KeysetPosition;
import com.devcard.webhooks.store.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reading the delivery log: a user's deliveries and their attempts for the REST API, and any
 * delivery by id for operators and the services that act on it.
 */
@Repository
public class DeliveryLogRepository {

  private static final String FROM_OWNED_DELIVERY =
      " from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id"
          + " where d.id = :id and d.endpoint_id = :endpointId"
          + " and e.user_id = :userId and e.deleted_at is null";

  private static final String ATTEMPT_COLUMNS =
      "attempt, trigger, started_at, duration_ms, response_code, response_body, error,"
          + " retry_after_ms";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  @Autowired
  public DeliveryLogRepository(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this(jdbc, new TransactionTemplate(transactionManager));
  }

  public DeliveryLogRepository(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  /** The delivery, when its endpoint is the user's and not deleted. */
  public Optional<Delivery> find(String userId, String endpointId, String deliveryId) {
    return jdbc.sql("select " + DeliveryRowMapper.COLUMNS + FROM_OWNED_DELIVERY)
        .param("id", deliveryId)
        .param("endpointId", endpointId)
        .param("userId", userId)
        .query(DeliveryRowMapper.INSTANCE)
        .optional();
  }

  /** The delivery with its payload and whole attempt log, under the same rule as {@link #find}. */
  public Optional<DeliveryDetail> findDetail(String userId, String endpointId, String deliveryId) {
    return findDetail(userId, endpointId, deliveryId, Integer.MAX_VALUE);
  }

  /**
   * The delivery with its payload, its latest {@code latestAttempts} attempts (oldest of them
   * first) and the size of its whole log, under the same rule as {@link #find}.
   */
  public Optional<DeliveryDetail> findDetail(
      String userId, String endpointId, String deliveryId, int latestAttempts) {
    return transactions.execute(
        status ->
            jdbc.sql(
                    "select "
                        + DeliveryRowMapper.COLUMNS
                        + ", (select payload from webhook_events ev where ev.id = d.event_id)"
                        + " as payload,"
                        + " (select count(*) from webhook_delivery_attempts a"
                        + " where a.delivery_id = d.id) as attempt_total"
                        + FROM_OWNED_DELIVERY)
                .param("id", deliveryId)
                .param("endpointId", endpointId)
                .param("userId", userId)
                .query(
                    (rs, rowNum) ->
                        new DeliveryDetail(
                            DeliveryRowMapper.INSTANCE.mapRow(rs, rowNum),
                            rs.getString("payload"),
                            List.of(),
                            rs.getInt("attempt_total")))
                .optional()
                .map(
                    detail ->
                        new DeliveryDetail(
                            detail.delivery(),
                            detail.payload(),
                            latestAttempts(deliveryId, latestAttempts),
                            detail.attemptTotal())));
  }

  private List<Attempt> latestAttempts(String deliveryId, int count) {
    List<Attempt> newestFirst =
        jdbc.sql(
                "select "
                    + ATTEMPT_COLUMNS
                    + " from webhook_delivery_attempts where delivery_id = :id"
                    + " order by attempt desc limit :count")
            .param("id", deliveryId)
            .param("count", count)
            .query(DeliveryLogRepository::attempt)
            .list();
    return newestFirst.reversed();
  }

  /**
   * A page of the delivery's attempts, newest first, those numbered below {@code before} when it is
   * given; empty under the same rule as {@link #find}. Keyed on the attempt number, which never
   * changes, so attempts recorded meanwhile (newer ones) never shift a page.
   */
  public Optional<AttemptPage> attemptPage(
      String userId, String endpointId, String deliveryId, Optional<Integer> before, int limit) {
    return transactions.execute(
        status -> {
          if (find(userId, endpointId, deliveryId).isEmpty()) {
            return Optional.empty();
          }
          List<Attempt> rows =
              jdbc.sql(
                      "select "
                          + ATTEMPT_COLUMNS
                          + " from webhook_delivery_attempts where delivery_id = :id"
                          + " and attempt < :before order by attempt desc limit :fetch")
                  .param("id", deliveryId)
                  .param("before", before.orElse(Integer.MAX_VALUE))
                  .param("fetch", limit + 1)
                  .query(DeliveryLogRepository::attempt)
                  .list();
          if (rows.size() <= limit) {
            return Optional.of(new AttemptPage(rows, Optional.empty()));
          }
          List<Attempt> items = rows.subList(0, limit);
          return Optional.of(new AttemptPage(items, Optional.of(items.get(limit - 1).attempt())));
        });
  }

  private static Attempt attempt(ResultSet rs, int rowNum) throws SQLException {
    return new Attempt(
        rs.getInt("attempt"),
        rs.getString("trigger"),
        instant(rs, "started_at"),
        rs.getLong("duration_ms"),
        nullableInt(rs, "response_code"),
        rs.getString("response_body"),
        rs.getString("error"),
        nullableMillis(rs, "retry_after_ms"));
  }

  /**
   * How many attempts of the delivery were manual: asked for by "retry" (on a finished delivery, or
   * cutting a wait short) or made by a bulk recovery.
   */
  public int countManualAttempts(String deliveryId) {
    return jdbc.sql(
            "select count(*) from webhook_delivery_attempts"
                + " where delivery_id = :id and trigger = 'manual'")
        .param("id", deliveryId)
        .query(Integer.class)
        .single();
  }

  /**
   * The endpoint's deliveries, newest first, optionally of one status, continuing after a keyset
   * position. Rows created after the first page sort before it, so paging never skips or repeats.
   * Empty when the endpoint is not the user's or is deleted.
   */
  public Page<Delivery> list(
      String userId,
      String endpointId,
      Optional<DeliveryStatus> status,
      Optional<KeysetPosition> after,
      int limit) {
    // Only fixed fragments are appended; every value is a bind parameter.
    StringBuilder sql =
        new StringBuilder("select ")
            .append(DeliveryRowMapper.COLUMNS)
            .append(" from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id")
            .append(" where d.endpoint_id = :endpointId")
            .append(" and e.user_id = :userId and e.deleted_at is null");
    status.ifPresent(s -> sql.append(" and d.status = :status"));
    after.ifPresent(p -> sql.append(" and (d.created_at, d.id) < (:afterCreatedAt, :afterId)"));
    sql.append(" order by d.created_at desc, d.id desc limit :fetch");

    JdbcClient.StatementSpec statement =
        jdbc.sql(sql.toString())
            .param("endpointId", endpointId)
            .param("userId", userId)
            .param("fetch", limit + 1);
    if (status.isPresent()) {
      statement = statement.param("status", status.get().wireValue());
    }
    if (after.isPresent()) {
      statement =
          statement
              .param("afterCreatedAt", timestamp(after.get().createdAt()))
              .param("afterId", after.get().id());
    }
    List<Delivery> rows = statement.query(DeliveryRowMapper.INSTANCE).list();
    if (rows.size() <= limit) {
      return new Page<>(rows, Optional.empty());
    }
    List<Delivery> items = rows.subList(0, limit);
    Delivery last = items.get(limit - 1);
    return new Page<>(items, Optional.of(new KeysetPosition(last.createdAt(), last.id())));
  }

  /** The delivery, whoever's it is and whatever its endpoint's state; for operators. */
  public Optional<Delivery> findById(String deliveryId) {
    return jdbc.sql(
            "select " + DeliveryRowMapper.COLUMNS + " from webhook_deliveries d where d.id = :id")
        .param("id", deliveryId)
        .query(DeliveryRowMapper.INSTANCE)
        .optional();
  }
}
