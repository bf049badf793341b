package com.devcard.webhooks.store.retention;

import static com.devcard.webhooks.store.JdbcColumns.instant;
import static com.devcard.webhooks.store.JdbcColumns.timestamp;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes what the delivery log keeps no longer, in bounded batches of short transactions.
 *
 * <p>A delivery expires when it is finished ({@code success}, {@code failed} or {@code cancelled};
 * never {@code pending} or {@code held}) and its last change ({@code updated_at}: the end of its
 * last attempt, or its cancellation) is older than the cut-off. A manual retry reopens a delivery
 * and changes it, so a retried delivery is kept for the whole retention period again. A delivery
 * that a running bulk recovery or release still has to work through is kept until that recovery
 * ends. It goes with its attempts, with the items of ended recoveries that name it (their counters
 * stay as they were: what the recovery did), and with its event once no other delivery refers to
 * it. Events that never got a delivery (no endpoint was subscribed) go once they are older than the
 * cut-off.
 *
 * <p>Nothing here waits for dispatch or for an attempt, nor makes them wait: expired rows are
 * finished and old, which no writer touches but a manual retry or a new recovery, and those are
 * skipped ({@code for update skip locked}) rather than waited for. The partial index on finished
 * deliveries by last change finds a batch without reading anything else.
 */
@Repository
public class RetentionRepository {

  private static final String FINISHED = "d.status in ('success', 'failed', 'cancelled')";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  @Autowired
  public RetentionRepository(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this(jdbc, new TransactionTemplate(transactionManager));
  }

  public RetentionRepository(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  private record Candidate(String id, String eventId, Instant updatedAt) {}

  /**
   * Deletes at most {@code limit} finished deliveries last changed before {@code before}, oldest
   * first from just after {@code after} (from the oldest when {@code null}), with their attempts
   * and the events left without a delivery, in one transaction.
   */
  public ExpiredDeliveries deleteFinishedBefore(
      Instant before, RetentionPosition after, int limit) {
    return transactions.execute(
        status -> {
          // The row lock keeps a manual retry or a new recovery from taking a delivery being
          // deleted (they wait for this short transaction, then find it gone); rows they hold
          // already are skipped, not waited for. A delivery a retry reopened meanwhile is no
          // longer finished when its lock is taken, and is left out.
          JdbcClient.StatementSpec select =
              jdbc.sql(
                      "select d.id, d.event_id, d.updated_at from webhook_deliveries d"
                          + " where "
                          + FINISHED
                          + " and d.updated_at < :before"
                          + (after == null
                              ? ""
                              : " and (d.updated_at, d.id) > (:afterAt, :afterId)")
                          + " and not exists (select 1 from webhook_recovery_items i"
                          + " join webhook_recoveries r on r.id = i.recovery_id"
                          + " where i.delivery_id = d.id and r.state = 'running')"
                          + " order by d.updated_at, d.id limit :limit"
                          + " for update skip locked")
                  .param("before", timestamp(before))
                  .param("limit", limit);
          if (after != null) {
            select = select.param("afterAt", timestamp(after.at())).param("afterId", after.id());
          }
          List<Candidate> batch =
              select
                  .query(
                      (rs, rowNum) ->
                          new Candidate(
                              rs.getString("id"),
                              rs.getString("event_id"),
                              instant(rs, "updated_at")))
                  .list();
          if (batch.isEmpty()) {
            return new ExpiredDeliveries(0, 0, 0, 0, null);
          }
          String[] ids = batch.stream().map(Candidate::id).toArray(String[]::new);
          Set<String> eventIds = new LinkedHashSet<>();
          batch.forEach(candidate -> eventIds.add(candidate.eventId()));
          int attempts =
              jdbc.sql("delete from webhook_delivery_attempts where delivery_id = any(:ids)")
                  .param("ids", ids)
                  .update();
          // Only ended recoveries can name these deliveries: running ones were left out above,
          // and a recovery created meanwhile waits for the row locks.
          int items =
              jdbc.sql("delete from webhook_recovery_items where delivery_id = any(:ids)")
                  .param("ids", ids)
                  .update();
          int deliveries =
              jdbc.sql("delete from webhook_deliveries where id = any(:ids)")
                  .param("ids", ids)
                  .update();
          // Every delivery of an event is created with it, in its dispatch: none can be added to
          // an event found here.
          int events =
              jdbc.sql(
                      "delete from webhook_events e where e.id = any(:eventIds)"
                          + " and not exists (select 1 from webhook_deliveries d"
                          + " where d.event_id = e.id)")
                  .param("eventIds", eventIds.toArray(String[]::new))
                  .update();
          Candidate last = batch.getLast();
          for (Candidate candidate : batch) {
            if (candidate.updatedAt().compareTo(last.updatedAt()) > 0
                || (candidate.updatedAt().equals(last.updatedAt())
                    && candidate.id().compareTo(last.id()) > 0)) {
              last = candidate;
            }
          }
          return new ExpiredDeliveries(
              deliveries,
              attempts,
              events,
              items,
              new RetentionPosition(last.updatedAt(), last.id()));
        });
  }

  private record ScannedEvent(String id, Instant createdAt, boolean deleted) {}

  /**
   * Looks at up to {@code limit} events created before {@code before}, oldest first from just after
   * {@code after} (from the oldest when {@code null}), and deletes those no delivery refers to, in
   * one statement. Events still referred to are passed over; the position moves past them, so that
   * a pass reads each old event once.
   */
  public UnreferencedEvents deleteUnreferencedEventsBefore(
      Instant before, RetentionPosition after, int limit) {
    JdbcClient.StatementSpec statement =
        jdbc.sql(
                "with scanned as (select id, created_at from webhook_events"
                    + " where created_at < :before"
                    + (after == null ? "" : " and (created_at, id) > (:afterAt, :afterId)")
                    + " order by created_at, id limit :limit),"
                    + " gone as (delete from webhook_events e using scanned s"
                    + " where e.id = s.id and not exists (select 1 from webhook_deliveries d"
                    + " where d.event_id = e.id) returning e.id)"
                    + " select s.id, s.created_at, g.id is not null as deleted"
                    + " from scanned s left join gone g on g.id = s.id"
                    + " order by s.created_at, s.id")
            .param("before", timestamp(before))
            .param("limit", limit);
    if (after != null) {
      statement = statement.param("afterAt", timestamp(after.at())).param("afterId", after.id());
    }
    List<ScannedEvent> scanned =
        new ArrayList<>(
            statement
                .query(
                    (rs, rowNum) ->
                        new ScannedEvent(
                            rs.getString("id"),
                            instant(rs, "created_at"),
                            rs.getBoolean("deleted")))
                .list());
    if (scanned.isEmpty()) {
      return new UnreferencedEvents(0, 0, null);
    }
    ScannedEvent last = scanned.getLast();
    return new UnreferencedEvents(
        scanned.size(),
        (int) scanned.stream().filter(ScannedEvent::deleted).count(),
        new RetentionPosition(last.createdAt(), last.id()));
  }
}
