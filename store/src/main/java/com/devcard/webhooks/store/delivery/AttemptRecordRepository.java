package com.devcard.webhooks.store.delivery;

import static com.devcard.webhooks.store.JdbcColumns.nullableInt;
import static com.devcard.webhooks.store.JdbcColumns.nullableMillis;
import static com.devcard.webhooks.store.JdbcColumns.timestamp;

import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.store.endpoint.EndpointStates;
import com.devcard.webhooks.store.health.AttemptEnd;
import com.devcard.webhooks.store.health.EndpointHealthRepository;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the worker's attempts need: the delivery to send, and the recording of each attempt with
 * what it does to the delivery and its endpoint, in one transaction.
 */
@Repository
public class AttemptRecordRepository {

  /** The trigger of a recovery probe's attempt, which leaves a held delivery held on failure. */
  private static final String PROBE = "probe";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final EndpointHealthRepository health;
  private final EndpointStates states;

  @Autowired
  public AttemptRecordRepository(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this(jdbc, new TransactionTemplate(transactionManager));
  }

  public AttemptRecordRepository(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.health = new EndpointHealthRepository(jdbc);
    this.states = new EndpointStates(jdbc, transactions);
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
                    nullableMillis(rs, "retry_after_ms")))
        .optional();
  }

  // PostgreSQL text cannot hold U+0000, which a receiver's response body may contain.
  private static String withoutNul(String text) {
    return text == null ? null : text.replace("\u0000", "");
  }
}
