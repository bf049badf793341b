package com.devcard.webhooks.store.health;

import static com.devcard.webhooks.store.JdbcColumns.instant;
import static com.devcard.webhooks.store.JdbcColumns.timestamp;

import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Endpoints' health, maintained as attempts are recorded: one row per endpoint and a counter per
 * endpoint and hour. Reading it never scans the delivery log.
 */
@Repository
public class EndpointHealthRepository {

  /** The hourly counters read for {@code last24h}: the current hour and the 23 before it. */
  static final int HOURS = 24;

  private final JdbcClient jdbc;

  /** A nullable column value: a row mapper must not answer null for a single row. */
  private record FailingSince(Instant value) {}

  public EndpointHealthRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Takes an attempt into account. Call it in the transaction that records the attempt.
   *
   * @return the endpoint's {@code failingSince} afterwards; {@code null} when it is not failing
   */
  public Instant record(AttemptEnd attempt) {
    Instant failingSince =
        jdbc.sql(
                "insert into webhook_endpoint_health as h"
                    + " (endpoint_id, last_success_at, last_failure_at, failing_since)"
                    + " values (:id, case when :success then :endedAt end,"
                    + " case when not :success then :endedAt end,"
                    + " case when :deliveryFailed then :endedAt end)"
                    + " on conflict (endpoint_id) do update set"
                    + " last_success_at = case when :success"
                    + " then greatest(h.last_success_at, :endedAt) else h.last_success_at end,"
                    + " last_failure_at = case when not :success"
                    + " then greatest(h.last_failure_at, :endedAt) else h.last_failure_at end,"
                    + " failing_since = case when :success then null"
                    + " when :deliveryFailed then coalesce(h.failing_since, :endedAt)"
                    + " else h.failing_since end"
                    + " returning failing_since")
            .param("id", attempt.endpointId())
            .param("success", attempt.success())
            .param("deliveryFailed", attempt.deliveryFailed())
            .param("endedAt", timestamp(attempt.endedAt()), Types.TIMESTAMP_WITH_TIMEZONE)
            .query((rs, rowNum) -> new FailingSince(instant(rs, "failing_since")))
            .single()
            .value();
    if (attempt.deliverySucceeded() || attempt.deliveryFailed()) {
      jdbc.sql(
              "insert into webhook_endpoint_hourly_outcomes as o"
                  + " (endpoint_id, hour, succeeded, failed) values (:id, :hour, :succeeded, :failed)"
                  + " on conflict (endpoint_id, hour) do update set"
                  + " succeeded = o.succeeded + excluded.succeeded,"
                  + " failed = o.failed + excluded.failed")
          .param("id", attempt.endpointId())
          .param("hour", timestamp(attempt.endedAt().truncatedTo(ChronoUnit.HOURS)))
          .param("succeeded", attempt.deliverySucceeded() ? 1 : 0)
          .param("failed", attempt.deliveryFailed() ? 1 : 0)
          .update();
    }
    return failingSince;
  }

  /** The health of each endpoint given, by id; {@link EndpointHealth#NONE} for one never tried. */
  public Map<String, EndpointHealth> of(Collection<String> endpointIds, Instant now) {
    Map<String, EndpointHealth> health = new HashMap<>();
    if (endpointIds.isEmpty()) {
      return health;
    }
    Instant since = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(HOURS - 1));
    jdbc.sql(
            "select ids.id, h.last_success_at, h.last_failure_at, h.failing_since,"
                + " coalesce(c.succeeded, 0) as succeeded, coalesce(c.failed, 0) as failed"
                + " from unnest(cast(:ids as text[])) as ids(id)"
                + " left join webhook_endpoint_health h on h.endpoint_id = ids.id"
                + " left join lateral (select sum(o.succeeded) as succeeded,"
                + " sum(o.failed) as failed from webhook_endpoint_hourly_outcomes o"
                + " where o.endpoint_id = ids.id and o.hour >= :since) c on true")
        .param("ids", endpointIds.toArray(String[]::new))
        .param("since", timestamp(since))
        .query(
            (rs, rowNum) ->
                health.put(
                    rs.getString("id"),
                    new EndpointHealth(
                        instant(rs, "last_success_at"),
                        instant(rs, "last_failure_at"),
                        instant(rs, "failing_since"),
                        rs.getLong("succeeded"),
                        rs.getLong("failed"))))
        .list();
    return health;
  }

  /**
   * Deletes hourly counters older than a day, at most {@code limit} of them.
   *
   * @return how many were deleted
   */
  public int deleteCountersBefore(Instant before, int limit) {
    return jdbc.sql(
            "delete from webhook_endpoint_hourly_outcomes where ctid in"
                + " (select ctid from webhook_endpoint_hourly_outcomes where hour < :before"
                + " limit :limit)")
        .param("before", timestamp(before))
        .param("limit", limit)
        .update();
  }
}
