package com.devcard.webhooks.store.limit;

import java.time.Duration;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rate limit on users' manual actions, per endpoint and action, as a sliding window kept in
 * PostgreSQL: each row holds the times its action was admitted within the last window, so every api
 * process sees the same count (a counter in each process's memory would let each replica admit the
 * full limit). One upsert per request admits and records the action, or refuses it and changes
 * nothing; the row lock it takes orders concurrent requests, so no more than the limit is admitted
 * within any window.
 */
@Repository
public class ManualActionRepository {

  /** The actions that are limited, as stored. */
  public static final Set<String> ACTIONS = Set.of("test", "retry", "recover");

  private final JdbcClient jdbc;

  public ManualActionRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Admits the action and records it when fewer than {@code limit} were admitted for the endpoint
   * within the last {@code window}; otherwise refuses it, writes nothing and says when the oldest
   * admission that counts leaves the window.
   */
  public Admission admit(String endpointId, String action, int limit, Duration window) {
    if (!ACTIONS.contains(action)) {
      throw new IllegalArgumentException("unknown action: " + action);
    }
    if (limit < 1) {
      throw new IllegalArgumentException("the limit must be at least 1");
    }
    // The database's clock, not this process's, so that replicas agree on the window. Times that
    // have left the window are dropped on every admission, which keeps the row at most `limit`
    // times long.
    boolean admitted =
        jdbc.sql(
                "insert into webhook_manual_action_times as m"
                    + " (endpoint_id, action, admitted_at)"
                    + " values (:endpointId, :action, array[statement_timestamp()])"
                    + " on conflict (endpoint_id, action) do update"
                    + " set admitted_at = array(select t from unnest(m.admitted_at) t"
                    + " where t > statement_timestamp() - :windowMs * interval '1 millisecond'"
                    + " order by t) || statement_timestamp()"
                    + " where (select count(*) from unnest(m.admitted_at) t"
                    + " where t > statement_timestamp() - :windowMs * interval '1 millisecond')"
                    + " < :limit"
                    + " returning 1")
            .param("endpointId", endpointId)
            .param("action", action)
            .param("windowMs", window.toMillis())
            .param("limit", limit)
            .query(Integer.class)
            .optional()
            .isPresent();
    return admitted
        ? Admission.granted()
        : Admission.refused(retryAfter(endpointId, action, limit, window));
  }

  /**
   * When the window has room for one more: once the {@code limit}-th newest admission in it has
   * left. At least one millisecond, should it have left already.
   */
  private Duration retryAfter(String endpointId, String action, int limit, Duration window) {
    long millis =
        jdbc.sql(
                "select ceil(extract(epoch from (t + :windowMs * interval '1 millisecond'"
                    + " - statement_timestamp())) * 1000)::bigint"
                    + " from webhook_manual_action_times m, unnest(m.admitted_at) t"
                    + " where m.endpoint_id = :endpointId and m.action = :action"
                    + " and t > statement_timestamp() - :windowMs * interval '1 millisecond'"
                    + " order by t desc offset :skip limit 1")
            .param("endpointId", endpointId)
            .param("action", action)
            .param("windowMs", window.toMillis())
            .param("skip", limit - 1)
            .query(Long.class)
            .optional()
            .orElse(0L);
    return Duration.ofMillis(Math.max(1, millis));
  }
}
