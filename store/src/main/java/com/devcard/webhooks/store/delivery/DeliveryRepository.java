package com.devcard.webhooks.store.delivery;

import static com.devcard.webhooks.store.JdbcColumns.durations;
import static com.devcard.webhooks.store.JdbcColumns.instant;
import static com.devcard.webhooks.store.JdbcColumns.nullableInt;
import static com.devcard.webhooks.store.JdbcColumns.timestamp;

import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.store.KeysetPosition;
import com.devcard.webhooks.store.Page;
import com.devcard.webhooks.store.endpoint.EndpointStates;
import com.devcard.webhooks.store.health.AttemptEnd;
import com.devcard.webhooks.store.health.EndpointHealthRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The delivery log: deliveries, their attempts, and the queries the reconciler needs.
 *
 * <p>A status a statement writes is bound from {@link DeliveryStatus}. Filters keep the literal
 * {@code 'pending'}: the planner matches the partial index of pending deliveries only against a
 * literal, not against a parameter of a generic plan.
 */
@Repository
public class DeliveryRepository {

  private static final String FROM_OWNED_DELIVERY =
      " from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id"
          + " where d.id = :id and d.endpoint_id = :endpointId"
          + " and e.user_id = :userId and e.deleted_at is null";

  private static final String PENDING_COLUMNS =
      DeliveryRowMapper.COLUMNS
          + ", e.url, d.retry_delays_ms, d.manual_attempt_requested_at, d.workflow_started";

  /** The trigger of a recovery probe's attempt, which leaves a held delivery held on failure. */
  private static final String PROBE = "probe";

  private static final String ATTEMPT_COLUMNS =
      "attempt, trigger, started_at, duration_ms, response_code, response_body, error,"
          + " retry_after_ms";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final EndpointHealthRepository health;
  private final EndpointStates states;

  @Autowired
  public DeliveryRepository(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this(jdbc, new TransactionTemplate(transactionManager));
  }

  public DeliveryRepository(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.health = new EndpointHealthRepository(jdbc);
    this.states = new EndpointStates(jdbc, transactions);
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
            .query(DeliveryRepository::attempt)
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
                  .query(DeliveryRepository::attempt)
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
        millis(rs, "retry_after_ms"));
  }

  private static Duration millis(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : Duration.ofMillis(value);
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

  /** The delivery with its payload and endpoint state, for any user; empty when it is gone. */
  public Optional<DeliveryForAttempt> loadForAttempt(String deliveryId) {
    return jdbc.sql(
            "select "
                + DeliveryRowMapper.COLUMNS
                + ", ev.payload, e.url, e.is_active, e.deleted_at is not null as endpoint_deleted,"
                + " e.rate_limit, e.disabled_reason, e.operational"
                + " from webhook_deliveries d"
                + " join webhook_endpoints e on e.id = d.endpoint_id"
                + " join webhook_events ev on ev.id = d.event_id"
                + " where d.id = :id")
        .param("id", deliveryId)
        .query(
            (rs, rowNum) ->
                new DeliveryForAttempt(
                    DeliveryRowMapper.INSTANCE.mapRow(rs, rowNum),
                    rs.getString("payload"),
                    rs.getString("url"),
                    rs.getBoolean("is_active"),
                    rs.getBoolean("endpoint_deleted"),
                    nullableInt(rs, "rate_limit"),
                    rs.getString("disabled_reason"),
                    rs.getBoolean("operational")))
        .optional();
  }

  /**
   * Records one attempt and the delivery's new state in one transaction. Idempotent on {@code
   * attemptKey}: recording the same key again changes nothing and returns the first answer.
   *
   * @param nextRetryAt when the next scheduled attempt is due should this one have failed; empty
   *     when none follows, so a failure ends the delivery {@code failed}
   * @throws IllegalStateException when the delivery does not exist
   */
  public RecordedAttempt recordAttempt(
      String deliveryId, String attemptKey, AttemptResult result, Optional<Instant> nextRetryAt) {
    return recordAttempt(deliveryId, attemptKey, result, nextRetryAt, AttemptRules.LOG_ONLY);
  }

  /**
   * Like {@link #recordAttempt(String, String, AttemptResult, Optional)}, and in the same
   * transaction what the attempt does to its endpoint: a {@code 410} disables it ({@code gone}); a
   * delivery that ends failed long enough after the endpoint started failing disables it ({@code
   * failing}). Either way its pending deliveries are held.
   */
  public RecordedAttempt recordAttempt(
      String deliveryId,
      String attemptKey,
      AttemptResult result,
      Optional<Instant> nextRetryAt,
      AttemptRules rules) {
    return transactions.execute(
        status -> {
          // Locking the delivery first serializes concurrent recordings of the same attempt.
          Delivery delivery =
              jdbc.sql(
                      "select "
                          + DeliveryRowMapper.COLUMNS
                          + " from webhook_deliveries d where d.id = :id for update")
                  .param("id", deliveryId)
                  .query(DeliveryRowMapper.INSTANCE)
                  .optional()
                  .orElseThrow(
                      () ->
                          new IllegalStateException("delivery " + deliveryId + " does not exist"));
          Optional<RecordedAttempt> earlier = recorded(attemptKey);
          if (earlier.isPresent()) {
            return earlier.get();
          }
          int number = delivery.attempts() + 1;
          DeliveryStatus newStatus =
              statusAfter(
                  delivery.status(),
                  result.success(),
                  nextRetryAt,
                  result.trigger(),
                  rules.releasesHeld());
          Instant newNextRetryAt =
              newStatus == DeliveryStatus.PENDING ? nextRetryAt.orElseThrow() : null;
          jdbc.sql(
                  "insert into webhook_delivery_attempts (delivery_id, attempt, attempt_key,"
                      + " trigger, started_at, duration_ms, response_code, response_body, error,"
                      + " success, delivery_status, retry_after_ms)"
                      + " values (:deliveryId, :attempt, :attemptKey, :trigger, :startedAt,"
                      + " :durationMs, :responseCode, :responseBody, :error, :success,"
                      + " :deliveryStatus, :retryAfterMs)")
              .param("deliveryId", deliveryId)
              .param("attempt", number)
              .param("attemptKey", attemptKey)
              .param("trigger", result.trigger())
              .param("startedAt", timestamp(result.startedAt()))
              .param("durationMs", result.durationMs())
              .param("responseCode", result.responseCode(), Types.INTEGER)
              .param("responseBody", withoutNul(result.responseBody()), Types.VARCHAR)
              .param("error", withoutNul(result.error()), Types.VARCHAR)
              .param("success", result.success())
              .param("deliveryStatus", newStatus.wireValue())
              .param(
                  "retryAfterMs",
                  result.retryAfter() == null ? null : result.retryAfter().toMillis(),
                  Types.BIGINT)
              .update();
          jdbc.sql(
                  "update webhook_deliveries set attempts = :attempts,"
                      + " response_code = :responseCode, status = :status,"
                      + " next_retry_at = :nextRetryAt, manual_attempt_requested_at = null,"
                      + " cancel_reason = case when :keepCancelReason then cancel_reason end,"
                      + " held_at = case when :status = 'held' then held_at end,"
                      // Released: the schedule goes on in a run the reconciler starts.
                      + " workflow_started = case when :released then false"
                      + " else workflow_started end,"
                      + " updated_at = now()"
                      + " where id = :id")
              .param("attempts", number)
              .param("responseCode", result.responseCode(), Types.INTEGER)
              .param("status", newStatus.wireValue())
              .param("keepCancelReason", newStatus == DeliveryStatus.CANCELLED)
              .param(
                  "released",
                  delivery.status() == DeliveryStatus.HELD && newStatus == DeliveryStatus.PENDING)
              .param("nextRetryAt", timestamp(newNextRetryAt), Types.TIMESTAMP_WITH_TIMEZONE)
              .param("id", deliveryId)
              .update();
          // The endpoint's health follows the log, in the same transaction.
          Instant endedAt = result.startedAt().plusMillis(result.durationMs());
          DeliveryStatus ended = endedNow(delivery.status(), newStatus);
          health.record(new AttemptEnd(delivery.endpointId(), endedAt, result.success(), ended));
          Optional<EndpointStates.Disabled> disabled = Optional.empty();
          if (rules.receiverGone()) {
            disabled = states.disableAsGone(delivery.endpointId(), deliveryId);
          } else if (ended == DeliveryStatus.FAILED) {
            disabled =
                states.disableIfFailingFor(
                    delivery.endpointId(), rules.disableAfter(), endedAt, deliveryId);
          }
          return new RecordedAttempt(
              number,
              newStatus,
              result.responseCode(),
              result.success(),
              result.retryAfter(),
              disabled.orElse(null));
        });
  }

  /** The status this attempt ended the delivery with; null when it did not end it just now. */
  private static DeliveryStatus endedNow(DeliveryStatus before, DeliveryStatus after) {
    boolean ended = after == DeliveryStatus.SUCCESS || after == DeliveryStatus.FAILED;
    return ended && after != before ? after : null;
  }

  // A cancelled delivery stays cancelled: an attempt already under way when it was cancelled
  // is logged, but does not bring the delivery back to life. A held delivery stays held when an
  // attempt fails (a probe's, or one already under way when it was held), unless the attempt
  // released it.
  private static DeliveryStatus statusAfter(
      DeliveryStatus currentStatus,
      boolean success,
      Optional<Instant> nextRetryAt,
      String trigger,
      boolean releasesHeld) {
    if (success) {
      return DeliveryStatus.SUCCESS;
    }
    if (currentStatus == DeliveryStatus.CANCELLED) {
      return DeliveryStatus.CANCELLED;
    }
    if (currentStatus == DeliveryStatus.HELD && (!releasesHeld || PROBE.equals(trigger))) {
      return DeliveryStatus.HELD;
    }
    return nextRetryAt.isPresent() ? DeliveryStatus.PENDING : DeliveryStatus.FAILED;
  }

  /**
   * The attempt recorded under this key, if any: a re-run of the same activity execution finds it
   * here and sends nothing again.
   */
  public Optional<RecordedAttempt> findRecordedAttempt(String attemptKey) {
    return recorded(attemptKey);
  }

  private Optional<RecordedAttempt> recorded(String attemptKey) {
    return jdbc.sql(
            "select attempt, delivery_status, response_code, success, retry_after_ms"
                + " from webhook_delivery_attempts where attempt_key = :attemptKey")
        .param("attemptKey", attemptKey)
        .query(
            (rs, rowNum) ->
                new RecordedAttempt(
                    rs.getInt("attempt"),
                    DeliveryStatus.fromWireValue(rs.getString("delivery_status")),
                    nullableInt(rs, "response_code"),
                    rs.getBoolean("success"),
                    millis(rs, "retry_after_ms")))
        .optional();
  }

  // PostgreSQL text cannot hold U+0000, which a receiver's response body may contain.
  private static String withoutNul(String text) {
    return text == null ? null : text.replace("\u0000", "");
  }

  /**
   * Cancels a pending delivery because its endpoint is deleted or inactive; true when it was
   * pending.
   */
  public boolean markCancelled(String deliveryId) {
    return cancelPending(deliveryId, "endpoint", "");
  }

  /**
   * Cancels a pending delivery on an operator's request (the admin route, or its workflow cancelled
   * or terminated in the Temporal UI); true when it was pending. "Retry" can undo it.
   */
  public boolean cancelByOperator(String deliveryId) {
    return cancelPending(deliveryId, "operator", "");
  }

  /**
   * Like {@link #cancelByOperator}, for a cancelled run of the delivery's schedule: changes nothing
   * when "retry" has since reopened the delivery for a manual attempt, which that run's cancel must
   * not take back.
   */
  public boolean cancelScheduleByOperator(String deliveryId) {
    return cancelPending(deliveryId, "operator", " and manual_attempt_requested_at is null");
  }

  private boolean cancelPending(String deliveryId, String reason, String condition) {
    return jdbc.sql(
                "update webhook_deliveries set status = :newStatus, cancel_reason = :reason,"
                    + " next_retry_at = null, manual_attempt_requested_at = null,"
                    + " updated_at = now()"
                    + " where id = :id and status = 'pending'"
                    + condition)
            .param("id", deliveryId)
            .param("newStatus", DeliveryStatus.CANCELLED.wireValue())
            .param("reason", reason)
            .update()
        == 1;
  }

  /**
   * "Retry" on a finished delivery: reopens it as {@code pending} for one manual attempt, if it is
   * {@code success}, {@code failed}, or {@code cancelled} by an operator, and still as the caller
   * saw it (same status, same number of attempts). A compare-and-set against what the caller saw:
   * of retries that saw the same delivery, however far apart they arrive, exactly one returns true;
   * the others were made redundant by its attempt. The workflow run that makes the attempt is then
   * started by the caller, or by the reconciler should the caller fail to.
   */
  public boolean reopenForManualAttempt(
      String deliveryId, DeliveryStatus seenStatus, int seenAttempts) {
    return reopenForManualAttempt(deliveryId, seenStatus, seenAttempts, Integer.MAX_VALUE);
  }

  /**
   * Like {@link #reopenForManualAttempt(String, DeliveryStatus, int)}, unless the delivery already
   * has {@code maxManualAttempts} manual attempts in its log.
   */
  public boolean reopenForManualAttempt(
      String deliveryId, DeliveryStatus seenStatus, int seenAttempts, int maxManualAttempts) {
    return jdbc.sql(
                "update webhook_deliveries d set status = :newStatus, cancel_reason = null,"
                    + " next_retry_at = null, manual_attempt_requested_at = now(),"
                    + " workflow_started = false, updated_at = now()"
                    + " where id = :id and status = :seenStatus and attempts = :seenAttempts"
                    + " and (status in ('success', 'failed')"
                    + " or (status = 'cancelled' and cancel_reason = 'operator'))"
                    + " and (select count(*) from webhook_delivery_attempts a"
                    + " where a.delivery_id = d.id and a.trigger = 'manual') < :maxManual")
            .param("id", deliveryId)
            .param("newStatus", DeliveryStatus.PENDING.wireValue())
            .param("seenStatus", seenStatus.wireValue())
            .param("seenAttempts", seenAttempts)
            .param("maxManual", maxManualAttempts)
            .update()
        == 1;
  }

  /** The delivery, whoever's it is and whatever its endpoint's state; for operators. */
  public Optional<Delivery> findById(String deliveryId) {
    return jdbc.sql(
            "select " + DeliveryRowMapper.COLUMNS + " from webhook_deliveries d where d.id = :id")
        .param("id", deliveryId)
        .query(DeliveryRowMapper.INSTANCE)
        .optional();
  }

  /** The delivery with what is needed to start a workflow run for it, while it is pending. */
  public Optional<PendingDelivery> findPending(String deliveryId) {
    return jdbc.sql(
            "select "
                + PENDING_COLUMNS
                + " from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id"
                + " where d.id = :id and d.status = 'pending'")
        .param("id", deliveryId)
        .query(DeliveryRepository::pendingDelivery)
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
    return statement.query(DeliveryRepository::pendingDelivery).list();
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
        .query(DeliveryRepository::pendingDelivery)
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
