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
   * Pending deliveries whose workflow was never marked started, oldest first: those created before
   * {@code createdBefore} (a crash between dispatch and workflow start left them behind) and those
   * reopened by "retry" before {@code manualAttemptRequestedBefore} (the same, for the manual
   * attempt's run).
   */
  public List<PendingDelivery> unstartedPending(
      Instant createdBefore, Instant manualAttemptRequestedBefore, int limit) {
    return jdbc.sql(
            "select "
                + PENDING_COLUMNS
                + " from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id"
                + " where d.status = 'pending' and not d.workflow_started"
                + " and (d.manual_attempt_requested_at < :requestedBefore"
                + " or (d.manual_attempt_requested_at is null and d.created_at < :createdBefore))"
                + " order by d.created_at, d.id limit :limit")
        .param("createdBefore", timestamp(createdBefore))
        .param("requestedBefore", timestamp(manualAttemptRequestedBefore))
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
