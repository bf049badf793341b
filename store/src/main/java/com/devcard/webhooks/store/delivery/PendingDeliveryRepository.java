package com.devcard.webhooks.store.delivery;

import static com.devcard.webhooks.store.JdbcColumns.durations;
import static com.devcard.webhooks.store.JdbcColumns.instant;
import static com.devcard.webhooks.store.JdbcColumns.timestamp;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The pending deliveries, for those who keep Temporal in line with them: the dispatcher marking
 * runs started, the reconciler's sweeps, and the backlog metrics.
 *
 * <p>Filters keep the literal {@code 'pending'}: the planner matches the partial index of pending
 * deliveries only against a literal, not against a parameter of a generic plan.
 */
@Repository
public class PendingDeliveryRepository {

  private static final String PENDING_COLUMNS =
      DeliveryRowMapper.COLUMNS
          + ", e.url, d.retry_delays_ms, d.manual_attempt_requested_at, d.workflow_started";

  private final JdbcClient jdbc;

  public PendingDeliveryRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The delivery with what is needed to start a workflow run for it, while it is pending. */
  public Optional<PendingDelivery> findPending(String deliveryId) {
    return jdbc.sql(
            "select "
                + PENDING_COLUMNS
                + " from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id"
                + " where d.id = :id and d.status = 'pending'")
        .param("id", deliveryId)
        .query(PendingDeliveryRepository::pendingDelivery)
        .optional();
  }

  /**
   * How many deliveries are pending, and how many of those wait for a scheduled retry; two counts
   * over the partial index of pending deliveries.
   */
  public PendingCounts pendingCounts() {
    return jdbc.sql(
            "select count(*) as pending,"
                + " count(*) filter (where next_retry_at is not null) as waiting_for_retry"
                + " from webhook_deliveries where status = 'pending'")
        .query(
            (rs, rowNum) ->
                new PendingCounts(rs.getLong("pending"), rs.getLong("waiting_for_retry")))
        .single();
  }

  /** Pending deliveries of non-deleted endpoints with ids after {@code afterId}, by id. */
  public List<PendingDelivery> pendingAfter(Optional<String> afterId, int limit) {
    String sql =
        "select "
            + PENDING_COLUMNS
            + " from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id"
            + " where d.status = 'pending' and e.deleted_at is null"
            + (afterId.isPresent() ? " and d.id > :afterId" : "")
            + " order by d.id limit :limit";
    JdbcClient.StatementSpec statement = jdbc.sql(sql).param("limit", limit);
    if (afterId.isPresent()) {
      statement = statement.param("afterId", afterId.get());
    }
    return statement.query(PendingDeliveryRepository::pendingDelivery).list();
  }

  /**
   * Deliveries reopened by "retry" before {@code requestedBefore} whose manual attempt's run was
   * never marked started (the request that asked for it could not start it), oldest first.
   */
  public List<PendingDelivery> unstartedManualAttempts(Instant requestedBefore, int limit) {
    return jdbc.sql(
            "select "
                + PENDING_COLUMNS
                + " from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id"
                + " where d.status = 'pending' and not d.workflow_started"
                + " and d.manual_attempt_requested_at < :requestedBefore"
                + " order by d.created_at, d.id limit :limit")
        .param("requestedBefore", timestamp(requestedBefore))
        .param("limit", limit)
        .query(PendingDeliveryRepository::pendingDelivery)
        .list();
  }

  /**
   * The next deliveries to admit into Temporal, at most {@code limit}: dispatched, never started,
   * taken from each user in turn (every user's oldest before anyone's second), and none of a user
   * who already has {@code perUser} admitted deliveries with an attempt due now. A delivery waiting
   * for a scheduled retry holds no place: it asks nothing of the worker until its time comes.
   */
  public List<PendingDelivery> nextToAdmit(int perUser, int limit) {
    return jdbc.sql(
            "with admitted as ("
                + " select e.user_id, count(*) as due"
                + " from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id"
                + " where d.status = 'pending' and d.workflow_started and d.next_retry_at is null"
                + " group by e.user_id),"
                + " waiting as ("
                + " select d.id, d.created_at, e.user_id, row_number() over"
                + " (partition by e.user_id order by d.created_at, d.id) as turn"
                + " from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id"
                + " where d.status = 'pending' and not d.workflow_started"
                + " and d.manual_attempt_requested_at is null and e.deleted_at is null)"
                + " select "
                + PENDING_COLUMNS
                + " from waiting w left join admitted a on a.user_id = w.user_id"
                + " join webhook_deliveries d on d.id = w.id"
                + " join webhook_endpoints e on e.id = d.endpoint_id"
                + " where w.turn + coalesce(a.due, 0) <= :perUser"
                + " order by w.turn, w.created_at, w.id limit :limit")
        .param("perUser", perUser)
        .param("limit", limit)
        .query(PendingDeliveryRepository::pendingDelivery)
        .list();
  }

  public void markWorkflowStarted(Collection<String> deliveryIds) {
    if (deliveryIds.isEmpty()) {
      return;
    }
    jdbc.sql("update webhook_deliveries set workflow_started = true where id = any(:ids)")
        .param("ids", deliveryIds.toArray(String[]::new))
        .update();
  }

  private static PendingDelivery pendingDelivery(ResultSet rs, int rowNum) throws SQLException {
    return new PendingDelivery(
        DeliveryRowMapper.INSTANCE.mapRow(rs, rowNum),
        rs.getString("url"),
        durations(rs, "retry_delays_ms"),
        instant(rs, "manual_attempt_requested_at"),
        rs.getBoolean("workflow_started"));
  }
}
