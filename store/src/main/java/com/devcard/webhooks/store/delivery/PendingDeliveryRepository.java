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
   *
   * <p>Called many times a second while a backlog drains, so it reads only what it may return: the
   * users with deliveries waiting, found one index probe each (a skip scan), then, per user, its
   * admitted count and its oldest waiting deliveries up to its free places, from the partial
   * indexes of migration 009. A user's thousands of waiting deliveries cost no more than its first
   * few. The delivery's own {@code user_id} is its endpoint's: no join is needed to group.
   *
   * <p>Each comes with how many of its user's deliveries are admitted and unfinished ahead of it
   * (those waiting for a retry included, counted up to {@code countAheadUpTo}), so that admission
   * can tell a user's first few from the rest.
   */
  public List<DeliveryToAdmit> nextToAdmit(int perUser, int countAheadUpTo, int limit) {
    return jdbc.sql(
            "with recursive users (user_id) as ("
                + " (select user_id from webhook_deliveries where status = 'pending'"
                + " and not workflow_started and manual_attempt_requested_at is null"
                + " order by user_id limit 1)"
                + " union all"
                + " select (select w.user_id from webhook_deliveries w where w.status = 'pending'"
                + " and not w.workflow_started and w.manual_attempt_requested_at is null"
                + " and w.user_id > u.user_id order by w.user_id limit 1)"
                + " from users u where u.user_id is not null),"
                + " places as ("
                + " select u.user_id, (select count(*) from webhook_deliveries a"
                + " where a.status = 'pending' and a.workflow_started and a.next_retry_at is null"
                + " and a.user_id = u.user_id) as in_flight,"
                + " (select count(*) from (select 1 from webhook_deliveries s"
                + " where s.status = 'pending' and s.workflow_started and s.user_id = u.user_id"
                + " limit :countAheadUpTo) unfinished) as unfinished"
                + " from users u where u.user_id is not null),"
                + " waiting as ("
                + " select n.id, n.created_at, n.turn, p.unfinished + n.turn - 1 as ahead"
                + " from places p cross join lateral ("
                + " select w.id, w.created_at, row_number() over (order by w.created_at, w.id)"
                + " as turn"
                + " from webhook_deliveries w join webhook_endpoints we on we.id = w.endpoint_id"
                + " where w.user_id = p.user_id and w.status = 'pending' and not w.workflow_started"
                + " and w.manual_attempt_requested_at is null and we.deleted_at is null"
                + " order by w.created_at, w.id limit greatest(:perUser - p.in_flight, 0)) n)"
                + " select "
                + PENDING_COLUMNS
                + ", n.ahead"
                + " from waiting n join webhook_deliveries d on d.id = n.id"
                + " join webhook_endpoints e on e.id = d.endpoint_id"
                + " order by n.turn, n.created_at, n.id limit :limit")
        .param("perUser", perUser)
        .param("countAheadUpTo", countAheadUpTo)
        .param("limit", limit)
        .query((rs, rowNum) -> new DeliveryToAdmit(pendingDelivery(rs, rowNum), rs.getInt("ahead")))
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
