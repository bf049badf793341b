package com.devcard.webhooks.store.endpoint;

import static com.devcard.webhooks.store.JdbcColumns.instant;
import static com.devcard.webhooks.store.JdbcColumns.textArray;

import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.store.Ids;
import com.devcard.webhooks.store.secret.SecretCipher;
import com.devcard.webhooks.store.secret.SecretGenerator;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Users' webhook endpoints and their encrypted signing secrets. Deleting is a soft delete. */
@Repository
public class EndpointRepository {

  private final JdbcClient jdbc;
  private final SecretCipher cipher;
  private final TransactionTemplate transactions;
  private final EndpointStates states;

  @Autowired
  public EndpointRepository(
      JdbcClient jdbc, SecretCipher cipher, PlatformTransactionManager transactionManager) {
    this(jdbc, cipher, new TransactionTemplate(transactionManager));
  }

  public EndpointRepository(
      JdbcClient jdbc, SecretCipher cipher, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.transactions = transactions;
    this.states = new EndpointStates(jdbc, transactions);
  }

  /**
   * Creates an endpoint with a new secret, unless the user already has {@code maxEndpointsPerUser}.
   * A per-user advisory lock makes count-then-insert safe against concurrent creates.
   *
   * @throws EndpointLimitReachedException when the user is at the limit
   */
  public CreatedEndpoint create(NewEndpoint endpoint, int maxEndpointsPerUser) {
    return transactions.execute(
        status -> {
          jdbc.sql("select 1 from pg_advisory_xact_lock(hashtextextended(:userId, 0))")
              .param("userId", endpoint.userId())
              .query(Integer.class)
              .single();
          long existing =
              jdbc.sql(
                      "select count(*) from webhook_endpoints"
                          + " where user_id = :userId and deleted_at is null")
                  .param("userId", endpoint.userId())
                  .query(Long.class)
                  .single();
          if (existing >= maxEndpointsPerUser) {
            throw new EndpointLimitReachedException(maxEndpointsPerUser);
          }
          String id = Ids.newId("ep");
          String secret = SecretGenerator.newSecret();
          Endpoint created =
              jdbc.sql(
                      "insert into webhook_endpoints (id, user_id, url, events, description,"
                          + " is_active, secret_ciphertext, rate_limit, created_at, updated_at)"
                          + " values (:id, :userId, :url, :events, :description, true,"
                          + " :secret, :rateLimit, now(), now())"
                          + " returning "
                          + EndpointRowMapper.COLUMNS)
                  .param("id", id)
                  .param("userId", endpoint.userId())
                  .param("url", endpoint.url())
                  .param("events", textArray(endpoint.events()))
                  .param("description", endpoint.description())
                  .param("secret", cipher.encrypt(secret, id))
                  .param("rateLimit", endpoint.rateLimit(), Types.INTEGER)
                  .query(EndpointRowMapper.INSTANCE)
                  .single();
          return new CreatedEndpoint(created, secret);
        });
  }

  /** The user's endpoint, unless it is deleted or belongs to someone else. */
  public Optional<Endpoint> find(String userId, String endpointId) {
    return jdbc.sql(
            "select "
                + EndpointRowMapper.COLUMNS
                + " from webhook_endpoints"
                + " where id = :id and user_id = :userId and deleted_at is null")
        .param("id", endpointId)
        .param("userId", userId)
        .query(EndpointRowMapper.INSTANCE)
        .optional();
  }

  /** Any user's endpoint, unless it is deleted. */
  public Optional<Endpoint> findById(String endpointId) {
    return jdbc.sql(
            "select "
                + EndpointRowMapper.COLUMNS
                + " from webhook_endpoints where id = :id and deleted_at is null")
        .param("id", endpointId)
        .query(EndpointRowMapper.INSTANCE)
        .optional();
  }

  /** The user's endpoints, oldest first. */
  public List<Endpoint> listByUser(String userId) {
    return jdbc.sql(
            "select "
                + EndpointRowMapper.COLUMNS
                + " from webhook_endpoints where user_id = :userId and deleted_at is null"
                + " order by created_at, id")
        .param("userId", userId)
        .query(EndpointRowMapper.INSTANCE)
        .list();
  }

  /**
   * Applies the given changes, with the {@link EnableSettings#DEFAULTS} should they enable an
   * endpoint the service disabled.
   */
  public Optional<EndpointUpdate> update(
      String userId, String endpointId, EndpointChanges changes) {
    return update(userId, endpointId, changes, EnableSettings.DEFAULTS);
  }

  /**
   * Applies the given changes in one transaction, with what they set off. Set inactive, the
   * endpoint's pending deliveries are cancelled (its held ones too, when its owner turns off an
   * endpoint the service disabled). Set active after the service disabled it, its held deliveries
   * are released in creation order, or cancelled when {@code changes.releaseHeld()} is false.
   */
  public Optional<EndpointUpdate> update(
      String userId, String endpointId, EndpointChanges changes, EnableSettings settings) {
    return transactions.execute(
        status -> {
          Optional<Endpoint> before =
              jdbc.sql(
                      "select "
                          + EndpointRowMapper.COLUMNS
                          + " from webhook_endpoints"
                          + " where id = :id and user_id = :userId and deleted_at is null"
                          + " for update")
                  .param("id", endpointId)
                  .param("userId", userId)
                  .query(EndpointRowMapper.INSTANCE)
                  .optional();
          if (before.isEmpty()) {
            return Optional.<EndpointUpdate>empty();
          }
          Endpoint endpoint = applyChanges(userId, endpointId, changes);
          boolean disabledByService =
              before.get().disabledReason() != null
                  && DisabledReason.fromWireValue(before.get().disabledReason()).holdsDeliveries();
          boolean wasFailing =
              DisabledReason.FAILING.wireValue().equals(before.get().disabledReason());
          boolean probeEnded =
              wasFailing && !DisabledReason.FAILING.wireValue().equals(endpoint.disabledReason());
          if (!endpoint.active()) {
            List<String> cancelled = new ArrayList<>(cancelPendingDeliveries(endpointId));
            if (disabledByService && changes.active().isPresent()) {
              cancelled.addAll(states.cancelHeldOf(endpointId));
            }
            return Optional.of(
                new EndpointUpdate(
                    endpoint, cancelled, Optional.empty(), List.of(), probeEnded, false));
          }
          if (disabledByService && changes.active().orElse(false)) {
            EndpointStates.Enabled enabled =
                states.enabledByOwner(
                    endpointId,
                    userId,
                    changes.releaseHeld(),
                    settings.releaseRate(),
                    settings.eventRetryDelays());
            return Optional.of(
                new EndpointUpdate(
                    endpoint,
                    enabled.cancelledDeliveryIds(),
                    enabled.release(),
                    enabled.operationalDeliveryId().stream().toList(),
                    probeEnded,
                    true));
          }
          return Optional.of(
              new EndpointUpdate(
                  endpoint, List.of(), Optional.empty(), List.of(), probeEnded, false));
        });
  }

  private Endpoint applyChanges(String userId, String endpointId, EndpointChanges changes) {
    return jdbc.sql(
            "update webhook_endpoints set"
                + " url = case when :setUrl then cast(:url as text) else url end,"
                + " events = case when :setEvents then cast(:events as text[])"
                + " else events end,"
                + " description = case when :setDescription"
                + " then cast(:description as text) else description end,"
                + " is_active = case when :setActive then cast(:active as boolean)"
                + " else is_active end,"
                // The owner's own switch: off is 'user', on clears any reason.
                + " disabled_reason = case when not :setActive then disabled_reason"
                + " when cast(:active as boolean) then null else 'user' end,"
                + " disabled_at = case when not :setActive then disabled_at"
                + " when cast(:active as boolean) then null"
                + " when is_active then now() else disabled_at end,"
                + " rate_limit = case when :setRateLimit then cast(:rateLimit as int)"
                + " else rate_limit end,"
                + " updated_at = now()"
                + " where id = :id and user_id = :userId and deleted_at is null"
                + " returning "
                + EndpointRowMapper.COLUMNS)
        .param("setUrl", changes.url().isPresent())
        .param("url", changes.url().orElse(null))
        .param("setEvents", changes.events().isPresent())
        .param("events", textArray(changes.events().orElse(null)))
        .param("setDescription", changes.description().isPresent())
        .param("description", changes.description().flatMap(d -> d).orElse(null))
        .param("setActive", changes.active().isPresent())
        .param("active", changes.active().orElse(null))
        .param("setRateLimit", changes.rateLimit().isPresent())
        .param("rateLimit", changes.rateLimit().flatMap(r -> r).orElse(null), Types.INTEGER)
        .param("id", endpointId)
        .param("userId", userId)
        .query(EndpointRowMapper.INSTANCE)
        .single();
  }

  /**
   * Soft-deletes the user's endpoint and cancels its pending deliveries.
   *
   * @return the ids of the cancelled deliveries; empty when there was no such endpoint
   */
  public Optional<List<String>> delete(String userId, String endpointId) {
    return transactions.execute(
        status -> {
          int deleted =
              jdbc.sql(
                      "update webhook_endpoints set deleted_at = now(), updated_at = now()"
                          + " where id = :id and user_id = :userId and deleted_at is null")
                  .param("id", endpointId)
                  .param("userId", userId)
                  .update();
          if (deleted == 0) {
            return Optional.<List<String>>empty();
          }
          List<String> cancelled = new ArrayList<>(cancelPendingDeliveries(endpointId));
          cancelled.addAll(states.cancelHeldOf(endpointId));
          return Optional.of(List.copyOf(cancelled));
        });
  }

  /**
   * Replaces the user's endpoint secret with a new one. With a positive grace period the secret
   * being replaced keeps signing, as the previous one, until the period ends; whatever previous
   * secret there was is dropped (at most two secrets sign). With a zero grace period the old secret
   * stops at once.
   *
   * <p>The endpoint row is locked for the whole read-then-write, so concurrent rotations run one
   * after the other: the secrets left on the row are always ones returned to a caller.
   *
   * @return the new secret; empty when the endpoint is not the user's or is deleted
   */
  public Optional<RotatedSecret> rotateSecret(String userId, String endpointId, Duration grace) {
    if (grace.isNegative()) {
      throw new IllegalArgumentException("the grace period must not be negative");
    }
    return transactions.execute(
        status -> {
          Optional<byte[]> rotatedOut =
              jdbc.sql(
                      "select secret_ciphertext from webhook_endpoints"
                          + " where id = :id and user_id = :userId and deleted_at is null"
                          + " for update")
                  .param("id", endpointId)
                  .param("userId", userId)
                  .query(byte[].class)
                  .optional();
          if (rotatedOut.isEmpty()) {
            return Optional.<RotatedSecret>empty();
          }
          boolean keepPrevious = !grace.isZero();
          String secret = SecretGenerator.newSecret();
          // now() is the transaction's start: the same instant for the row and the answer.
          return Optional.of(
              jdbc.sql(
                      "update webhook_endpoints set secret_ciphertext = :secret,"
                          + " previous_secret_ciphertext = :previous,"
                          + " previous_secret_expires_at = case when :keepPrevious"
                          + " then now() + make_interval(secs => :graceSeconds) end,"
                          + " updated_at = now()"
                          + " where id = :id"
                          + " returning coalesce(previous_secret_expires_at, now()) as expires_at")
                  .param("secret", cipher.encrypt(secret, endpointId))
                  .param("previous", keepPrevious ? rotatedOut.get() : null, Types.BINARY)
                  .param("keepPrevious", keepPrevious)
                  .param("graceSeconds", (double) grace.toSeconds())
                  .param("id", endpointId)
                  .query((rs, rowNum) -> new RotatedSecret(secret, instant(rs, "expires_at")))
                  .single());
        });
  }

  /**
   * Erases the previous secrets whose grace period is over. {@link #secrets} already ignores them;
   * this removes their ciphertext from the database for good.
   *
   * @return how many were erased
   */
  public int eraseExpiredPreviousSecrets() {
    return jdbc.sql(
            "update webhook_endpoints"
                + " set previous_secret_ciphertext = null, previous_secret_expires_at = null"
                + " where previous_secret_expires_at <= now()")
        .update();
  }

  /**
   * The decrypted signing secrets of a non-deleted endpoint; the previous secret only while its
   * grace period lasts.
   */
  public Optional<EndpointSecrets> secrets(String endpointId) {
    return jdbc.sql(
            "select secret_ciphertext,"
                + " case when previous_secret_expires_at > now()"
                + " then previous_secret_ciphertext end as previous_ciphertext,"
                + " case when previous_secret_expires_at > now()"
                + " then previous_secret_expires_at end as previous_expires_at"
                + " from webhook_endpoints where id = :id and deleted_at is null")
        .param("id", endpointId)
        .query(
            (rs, rowNum) -> {
              byte[] previous = rs.getBytes("previous_ciphertext");
              return new EndpointSecrets(
                  cipher.decrypt(rs.getBytes("secret_ciphertext"), endpointId),
                  previous == null ? null : cipher.decrypt(previous, endpointId),
                  previous == null ? null : instant(rs, "previous_expires_at"));
            })
        .optional();
  }

  // Runs after the endpoint row was updated in the same transaction: that row lock waits for
  // dispatches holding it FOR SHARE, so deliveries they insert are committed and seen here.
  private List<String> cancelPendingDeliveries(String endpointId) {
    return jdbc
        .sql(
            "update webhook_deliveries"
                + " set status = :newStatus, cancel_reason = 'endpoint', next_retry_at = null,"
                + " manual_attempt_requested_at = null, updated_at = now()"
                + " where endpoint_id = :endpointId and status = 'pending'"
                + " returning id")
        .param("endpointId", endpointId)
        .param("newStatus", DeliveryStatus.CANCELLED.wireValue())
        .query(String.class)
        .list()
        .stream()
        .sorted()
        .toList();
  }
}
