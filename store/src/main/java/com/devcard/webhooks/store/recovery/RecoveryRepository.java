package com.devcard.webhooks.store.recovery;

import static com.devcard.webhooks.store.JdbcColumns.durations;
import static com.devcard.webhooks.store.JdbcColumns.nullableInt;
import static com.devcard.webhooks.store.JdbcColumns.timestamp;

import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.delivery.RecoveryItemOutcome;
import com.devcard.webhooks.delivery.RecoveryState;
import com.devcard.webhooks.store.Ids;
import java.sql.Types;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk recoveries: the snapshot of the deliveries each one covers, each item's outcome, and the
 * counters, which change in the same transaction as the item they count.
 */
@Repository
public class RecoveryRepository {

  /** The foreign key from a recovery's items to their deliveries. */
  private static final String ITEM_DELIVERY_FK = "webhook_recovery_items_delivery_id_fkey";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  @Autowired
  public RecoveryRepository(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this(jdbc, new TransactionTemplate(transactionManager));
  }

  public RecoveryRepository(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  /**
   * Creates a running recovery and, in the same transaction, its snapshot: every {@code failed}
   * delivery of an active, non-deleted endpoint that matches the filters, numbered from 1 oldest
   * first. Deliveries that fail later are not part of it, so {@code total} is final at once.
   *
   * <p>At most one recovery of an endpoint runs at a time: a unique index on running recoveries per
   * endpoint decides between concurrent creates, so exactly one of them wins.
   *
   * @throws RecoveryAlreadyRunningException when a recovery of {@code endpointId} is running
   */
  public Recovery create(NewRecovery recovery) {
    for (int tries = 1; ; tries++) {
      try {
        return transactions.execute(status -> createNow(recovery));
      } catch (DataIntegrityViolationException failure) {
        // The retention sweep deleted a delivery of the snapshot between reading and naming it:
        // a new snapshot no longer sees it.
        if (tries == 3 || !String.valueOf(failure.getMessage()).contains(ITEM_DELIVERY_FK)) {
          throw failure;
        }
      }
    }
  }

  private Recovery createNow(NewRecovery recovery) {
    String id = Ids.newId("rcv");
    // A running recovery that ends between the refused insert and the look-up frees the
    // endpoint: try again rather than report a recovery that is no longer running.
    for (int tries = 0; !insert(id, recovery); tries++) {
      Optional<String> running = runningOf(recovery.endpointId());
      if (running.isPresent() || tries == 2) {
        throw new RecoveryAlreadyRunningException(running.orElse("unknown"));
      }
    }
    int total = snapshot(id, recovery);
    jdbc.sql("update webhook_recoveries set total = :total where id = :id")
        .param("total", total)
        .param("id", id)
        .update();
    return find(id).orElseThrow();
  }

  /** False when a recovery of the same endpoint is running (the insert waits for its commit). */
  private boolean insert(String id, NewRecovery recovery) {
    return jdbc.sql(
                "insert into webhook_recoveries (id, owner_user_id, created_by, user_id,"
                    + " endpoint_id, since, rate, state, total, created_at, updated_at)"
                    + " values (:id, :ownerUserId, :createdBy, :userId, :endpointId, :since,"
                    + " :rate, 'running', 0, now(), now())"
                    + " on conflict (endpoint_id) where state = 'running' and kind = 'recovery'"
                    + " do nothing")
            .param("id", id)
            .param("ownerUserId", recovery.ownerUserId(), Types.VARCHAR)
            .param("createdBy", recovery.createdBy())
            .param("userId", recovery.userId(), Types.VARCHAR)
            .param("endpointId", recovery.endpointId(), Types.VARCHAR)
            .param("since", timestamp(recovery.since()), Types.TIMESTAMP_WITH_TIMEZONE)
            .param("rate", recovery.ratePerSecond())
            .update()
        == 1;
  }

  /**
   * Creates a running release of the endpoint's {@code held} deliveries, numbered from 1 oldest
   * first, to be sent one at a time at {@code ratePerSecond}, or at the endpoint's rate limit when
   * that is lower. Call it in the transaction that enabled the endpoint.
   *
   * @return the release; empty when nothing is held
   */
  public Optional<Recovery> createRelease(String endpointId, int ratePerSecond) {
    String id = Ids.newId("rcv");
    // Never faster than the endpoint's own rate limit: the release's attempts do not queue for
    // its slots.
    jdbc.sql(
            "insert into webhook_recoveries (id, created_by, endpoint_id, rate, state, kind,"
                + " total, created_at, updated_at)"
                + " select :id, 'release', e.id, least(:rate, coalesce(e.rate_limit, :rate)),"
                + " 'running', 'release', 0, now(), now()"
                + " from webhook_endpoints e where e.id = :endpointId")
        .param("id", id)
        .param("endpointId", endpointId)
        .param("rate", ratePerSecond)
        .update();
    int total =
        jdbc.sql(
                "insert into webhook_recovery_items (recovery_id, position, delivery_id)"
                    + " select :id, row_number() over (order by d.created_at, d.id), d.id"
                    + " from webhook_deliveries d"
                    + " where d.endpoint_id = :endpointId and d.status = 'held'")
            .param("id", id)
            .param("endpointId", endpointId)
            .update();
    if (total == 0) {
      jdbc.sql("delete from webhook_recoveries where id = :id").param("id", id).update();
      return Optional.empty();
    }
    jdbc.sql("update webhook_recoveries set total = :total where id = :id")
        .param("total", total)
        .param("id", id)
        .update();
    return find(id);
  }

  /** The running recovery of the endpoint, if any. */
  public Optional<String> runningOf(String endpointId) {
    return jdbc.sql(
            "select id from webhook_recoveries where endpoint_id = :endpointId"
                + " and state = 'running' and kind = 'recovery'")
        .param("endpointId", endpointId)
        .query(String.class)
        .optional();
  }

  private int snapshot(String recoveryId, NewRecovery recovery) {
    // Only fixed fragments are appended; every value is a bind parameter.
    StringBuilder sql =
        new StringBuilder(
            "insert into webhook_recovery_items (recovery_id, position, delivery_id)"
                + " select :recoveryId, row_number() over (order by d.created_at, d.id), d.id"
                + " from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id"
                + " where d.status = 'failed' and e.deleted_at is null and e.is_active");
    if (recovery.userId() != null) {
      sql.append(" and d.user_id = :userId");
    }
    if (recovery.endpointId() != null) {
      sql.append(" and d.endpoint_id = :endpointId");
    }
    if (recovery.since() != null) {
      sql.append(" and d.created_at >= :since");
    }
    if (recovery.maxManualAttempts() != null) {
      sql.append(
          " and (select count(*) from webhook_delivery_attempts a"
              + " where a.delivery_id = d.id and a.trigger = 'manual') < :maxManualAttempts");
    }
    JdbcClient.StatementSpec statement = jdbc.sql(sql.toString()).param("recoveryId", recoveryId);
    if (recovery.userId() != null) {
      statement = statement.param("userId", recovery.userId());
    }
    if (recovery.endpointId() != null) {
      statement = statement.param("endpointId", recovery.endpointId());
    }
    if (recovery.since() != null) {
      statement = statement.param("since", timestamp(recovery.since()));
    }
    if (recovery.maxManualAttempts() != null) {
      statement = statement.param("maxManualAttempts", recovery.maxManualAttempts());
    }
    return statement.update();
  }

  /** Any recovery, for operators. */
  public Optional<Recovery> find(String recoveryId) {
    return jdbc.sql(
            "select " + RecoveryRowMapper.COLUMNS + " from webhook_recoveries r where id = :id")
        .param("id", recoveryId)
        .query(RecoveryRowMapper.INSTANCE)
        .optional();
  }

  /** The recovery when the user started it on their own endpoint; empty for anyone else's. */
  public Optional<Recovery> findOwned(String ownerUserId, String recoveryId) {
    return jdbc.sql(
            "select "
                + RecoveryRowMapper.COLUMNS
                + " from webhook_recoveries r where id = :id and owner_user_id = :ownerUserId")
        .param("id", recoveryId)
        .param("ownerUserId", ownerUserId)
        .query(RecoveryRowMapper.INSTANCE)
        .optional();
  }

  /** The item at {@code position} with its delivery's and its recovery's state now. */
  public Optional<RecoveryItem> findItem(String recoveryId, int position) {
    return jdbc.sql(
            "select i.recovery_id, i.position, i.delivery_id,"
                + " nullif(i.state, 'pending') as outcome, i.attempt,"
                + " d.status as delivery_status, r.state as recovery_state, r.kind,"
                + " d.attempts as delivery_attempts, d.retry_delays_ms"
                + " from webhook_recovery_items i"
                + " join webhook_recoveries r on r.id = i.recovery_id"
                + " join webhook_deliveries d on d.id = i.delivery_id"
                + " where i.recovery_id = :recoveryId and i.position = :position")
        .param("recoveryId", recoveryId)
        .param("position", position)
        .query(
            (rs, rowNum) ->
                new RecoveryItem(
                    rs.getString("recovery_id"),
                    rs.getInt("position"),
                    rs.getString("delivery_id"),
                    itemOutcome(rs.getString("outcome")),
                    nullableInt(rs, "attempt"),
                    DeliveryStatus.fromWireValue(rs.getString("delivery_status")),
                    RecoveryState.fromWireValue(rs.getString("recovery_state")),
                    "release".equals(rs.getString("kind")),
                    rs.getInt("delivery_attempts"),
                    durations(rs, "retry_delays_ms")))
        .optional();
  }

  /**
   * Finishes a pending item and counts it, in one transaction. Idempotent: an item already finished
   * keeps its outcome, is not counted again, and that first outcome is returned.
   *
   * @param outcome {@code SUCCEEDED}, {@code FAILED} or {@code SKIPPED}: a cancelled recovery's
   *     items stay pending
   * @param attempt the number of the manual attempt in the delivery's log; {@code null} when none
   *     was made
   * @return the item's outcome as stored
   */
  public RecoveryItemOutcome finishItem(
      String recoveryId, int position, RecoveryItemOutcome outcome, Integer attempt) {
    if (outcome == RecoveryItemOutcome.RECOVERY_CANCELLED) {
      throw new IllegalArgumentException("an item is not finished by its recovery's cancel");
    }
    return transactions.execute(
        status -> {
          // The row lock makes a concurrent second finish wait, then find the item finished.
          int finished =
              jdbc.sql(
                      "update webhook_recovery_items"
                          + " set state = :state, attempt = :attempt, finished_at = now()"
                          + " where recovery_id = :recoveryId and position = :position"
                          + " and state = 'pending'")
                  .param("state", outcome.wireValue())
                  .param("attempt", attempt, Types.INTEGER)
                  .param("recoveryId", recoveryId)
                  .param("position", position)
                  .update();
          if (finished == 0) {
            return jdbc.sql(
                    "select state from webhook_recovery_items"
                        + " where recovery_id = :recoveryId and position = :position")
                .param("recoveryId", recoveryId)
                .param("position", position)
                .query(String.class)
                .optional()
                .map(RecoveryItemOutcome::fromWireValue)
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "recovery " + recoveryId + " has no item " + position));
          }
          jdbc.sql(
                  "update webhook_recoveries set done = done + 1,"
                      + " succeeded = succeeded + :succeeded, failed = failed + :failed,"
                      + " updated_at = now() where id = :recoveryId")
              .param("succeeded", outcome == RecoveryItemOutcome.SUCCEEDED ? 1 : 0)
              .param("failed", outcome == RecoveryItemOutcome.FAILED ? 1 : 0)
              .param("recoveryId", recoveryId)
              .update();
          return outcome;
        });
  }

  /** A finished item's outcome; {@code null} for a pending item. */
  private static RecoveryItemOutcome itemOutcome(String outcome) {
    return outcome == null ? null : RecoveryItemOutcome.fromWireValue(outcome);
  }

  /**
   * Ends a running recovery with {@code state}; one that has already ended keeps its state, so a
   * cancel is never overwritten by a later completion.
   *
   * @param state {@code COMPLETED} or {@code CANCELLED}
   * @return the recovery's state afterwards; empty when there is no such recovery
   */
  public Optional<RecoveryState> finish(String recoveryId, RecoveryState state) {
    if (state == RecoveryState.RUNNING) {
      throw new IllegalArgumentException("a recovery cannot end " + state);
    }
    jdbc.sql(
            "update webhook_recoveries set state = :state, updated_at = now()"
                + " where id = :id and state = 'running'")
        .param("state", state.wireValue())
        .param("id", recoveryId)
        .update();
    return jdbc.sql("select state from webhook_recoveries where id = :id")
        .param("id", recoveryId)
        .query(String.class)
        .optional()
        .map(RecoveryState::fromWireValue);
  }

  /** Running recoveries with ids after {@code afterId}, by id. */
  public List<Recovery> runningAfter(Optional<String> afterId, int limit) {
    String sql =
        "select "
            + RecoveryRowMapper.COLUMNS
            + " from webhook_recoveries r where state = 'running'"
            + (afterId.isPresent() ? " and id > :afterId" : "")
            + " order by id limit :limit";
    JdbcClient.StatementSpec statement = jdbc.sql(sql).param("limit", limit);
    if (afterId.isPresent()) {
      statement = statement.param("afterId", afterId.get());
    }
    return statement.query(RecoveryRowMapper.INSTANCE).list();
  }

  /**
   * Where a resumed recovery carries on: its first pending item, or {@code total + 1} when none is
   * left.
   */
  public int firstPendingPosition(String recoveryId) {
    return jdbc.sql(
            "select coalesce((select min(position) from webhook_recovery_items"
                + " where recovery_id = :id and state = 'pending'), r.total + 1)"
                + " from webhook_recoveries r where r.id = :id")
        .param("id", recoveryId)
        .query(Integer.class)
        .optional()
        .orElseThrow(() -> new IllegalStateException("no recovery " + recoveryId));
  }

  /** How many recoveries are running, for the in-progress gauge. */
  public long countRunning() {
    return jdbc.sql("select count(*) from webhook_recoveries where state = 'running'")
        .query(Long.class)
        .single();
  }
}
