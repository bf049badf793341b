package com.devcard.webhooks.store.delivery;

import static com.devcard.webhooks.store.JdbcColumns.durations;
import static com.devcard.webhooks.store.JdbcColumns.millisArray;
import static com.devcard.webhooks.store.JdbcColumns.timestamp;

import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.store.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Records an event and creates one pending delivery per target endpoint, all or nothing. */
@Repository
public class DispatchRepository {

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final ExpressPlaces expressPlaces;

  @Autowired
  public DispatchRepository(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this(jdbc, new TransactionTemplate(transactionManager));
  }

  public DispatchRepository(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.expressPlaces = new ExpressPlaces(jdbc);
  }

  /**
   * Stores the event and its deliveries in one transaction. When the user already dispatched an
   * event with the same idempotency key, nothing is inserted and that first dispatch's answer is
   * returned with {@code created = false}; the unique key makes concurrent repeats wait for the
   * first and then see it.
   *
   * @param expressPerUser the user's places on the express lane: while it has fewer unfinished
   *     deliveries, new ones are marked {@link DispatchedDelivery#express()} (0: none is)
   */
  public DispatchResult dispatch(NewEvent event, int expressPerUser) {
    return transactions.execute(
        status -> {
          boolean inserted =
              !jdbc.sql(
                      "insert into webhook_events"
                          + " (id, user_id, idempotency_key, event_type, payload, created_at)"
                          + " values (:id, :userId, :key, :eventType, :payload, :createdAt)"
                          + " on conflict (user_id, idempotency_key) do nothing"
                          + " returning id")
                  .param("id", event.eventId())
                  .param("userId", event.userId())
                  .param("key", event.idempotencyKey())
                  .param("eventType", event.eventType())
                  .param("payload", event.payload())
                  .param("createdAt", timestamp(event.createdAt()))
                  .query(String.class)
                  .list()
                  .isEmpty();
          if (!inserted) {
            String firstEventId =
                jdbc.sql(
                        "select id from webhook_events"
                            + " where user_id = :userId and idempotency_key = :key")
                    .param("userId", event.userId())
                    .param("key", event.idempotencyKey())
                    .query(String.class)
                    .single();
            return new DispatchResult(firstEventId, deliveriesOf(firstEventId), false);
          }
          List<Target> targets = targets(event);
          int express =
              targets.stream().allMatch(Target::held)
                  ? 0
                  : expressPlaces.take(event.userId(), expressPerUser);
          List<DispatchedDelivery> deliveries = new ArrayList<>();
          for (Target target : targets) {
            boolean goesExpress = !target.held() && express-- > 0;
            deliveries.add(insertDelivery(event, target, goesExpress));
          }
          deliveries.sort(Comparator.comparing(DispatchedDelivery::id));
          return new DispatchResult(event.eventId(), deliveries, true);
        });
  }

  /** An endpoint to deliver to; {@code held} when the service disabled it. */
  private record Target(String endpointId, String url, boolean held) {}

  // FOR SHARE: an endpoint being deactivated or deleted waits until these deliveries are
  // committed, then cancels them; one deleted first is skipped here.
  private List<Target> targets(NewEvent event) {
    if (event.onlyEndpointId() != null) {
      return jdbc.sql(
              "select id, url, "
                  + HELD
                  + " from webhook_endpoints"
                  + " where id = :id and user_id = :userId and deleted_at is null"
                  + " for share")
          .param("id", event.onlyEndpointId())
          .param("userId", event.userId())
          .query(DispatchRepository::target)
          .list();
    }
    // Endpoints the service disabled get the delivery too, held until they are enabled again;
    // those their owners set inactive get none.
    return jdbc.sql(
            "select id, url, "
                + HELD
                + " from webhook_endpoints"
                + " where user_id = :userId and deleted_at is null"
                + " and (is_active or disabled_reason in ('gone', 'failing'))"
                + " and :eventType = any(events)"
                + " order by created_at, id"
                + " for share")
        .param("userId", event.userId())
        .param("eventType", event.eventType())
        .query(DispatchRepository::target)
        .list();
  }

  private static final String HELD =
      "(not is_active and disabled_reason in ('gone', 'failing')) as held";

  private static Target target(ResultSet rs, int rowNum) throws SQLException {
    return new Target(rs.getString("id"), rs.getString("url"), rs.getBoolean("held"));
  }

  private DispatchedDelivery insertDelivery(NewEvent event, Target target, boolean express) {
    String id = Ids.newId("dlv");
    DeliveryStatus status = target.held() ? DeliveryStatus.HELD : DeliveryStatus.PENDING;
    jdbc.sql(
            "insert into webhook_deliveries (id, endpoint_id, user_id, event_id, event_type,"
                + " status, held_at, attempts, retry_delays_ms, created_at, updated_at)"
                + " values (:id, :endpointId, :userId, :eventId, :eventType,"
                + " :status, case when :held then now() end, 0, :retryDelays, :createdAt,"
                + " :createdAt)")
        .param("id", id)
        .param("status", status.wireValue())
        .param("held", target.held())
        .param("endpointId", target.endpointId())
        .param("userId", event.userId())
        .param("eventId", event.eventId())
        .param("eventType", event.eventType())
        .param("retryDelays", millisArray(event.retryDelays()))
        .param("createdAt", timestamp(event.createdAt()))
        .update();
    return new DispatchedDelivery(
        id,
        target.endpointId(),
        event.userId(),
        event.eventType(),
        target.url(),
        event.retryDelays(),
        status,
        express);
  }

  private List<DispatchedDelivery> deliveriesOf(String eventId) {
    return jdbc.sql(
            "select d.id, d.endpoint_id, d.user_id, d.event_type, e.url, d.retry_delays_ms,"
                + " d.status"
                + " from webhook_deliveries d join webhook_endpoints e on e.id = d.endpoint_id"
                + " where d.event_id = :eventId"
                + " order by d.id")
        .param("eventId", eventId)
        .query(
            (rs, rowNum) ->
                new DispatchedDelivery(
                    rs.getString("id"),
                    rs.getString("endpoint_id"),
                    rs.getString("user_id"),
                    rs.getString("event_type"),
                    rs.getString("url"),
                    durations(rs, "retry_delays_ms"),
                    DeliveryStatus.fromWireValue(rs.getString("status")),
                    false))
        .list();
  }
}
