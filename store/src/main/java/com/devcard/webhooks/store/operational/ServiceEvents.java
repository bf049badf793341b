package com.devcard.webhooks.store.operational;

import static com.devcard.webhooks.store.JdbcColumns.millisArray;
import static com.devcard.webhooks.store.JdbcColumns.timestamp;

import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.store.Ids;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Events the service makes itself (a recovery probe's test event, the operational events), each
 * stored with its one delivery to one endpoint, in the caller's transaction. The payload has the
 * shape of every delivered event: {@code id}, {@code type}, {@code createdAt}, {@code data}.
 */
public final class ServiceEvents {

  private final JdbcClient jdbc;

  public ServiceEvents(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Stores the event and its delivery, {@code pending} (admission starts it) or {@code held} (sent
   * when released); returns the delivery's id.
   */
  public String store(
      String userId,
      String endpointId,
      String type,
      JsonText data,
      List<Duration> retryDelays,
      DeliveryStatus status) {
    if (status != DeliveryStatus.PENDING && status != DeliveryStatus.HELD) {
      throw new IllegalArgumentException("a new delivery is pending or held, not " + status);
    }
    String eventId = Ids.newId("evt");
    Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String payload =
        new JsonText()
            .put("id", eventId)
            .put("type", type)
            .put("createdAt", createdAt)
            .put("data", data)
            .toString();
    jdbc.sql(
            "insert into webhook_events (id, user_id, event_type, payload, created_at)"
                + " values (:id, :userId, :type, :payload, :createdAt)")
        .param("id", eventId)
        .param("userId", userId)
        .param("type", type)
        .param("payload", payload)
        .param("createdAt", timestamp(createdAt))
        .update();
    String deliveryId = Ids.newId("dlv");
    jdbc.sql(
            "insert into webhook_deliveries (id, endpoint_id, user_id, event_id, event_type,"
                + " status, held_at, attempts, retry_delays_ms, created_at, updated_at)"
                + " values (:id, :endpointId, :userId, :eventId, :type, :status,"
                + " case when :held then :createdAt end, 0, :retryDelays, :createdAt, :createdAt)")
        .param("id", deliveryId)
        .param("endpointId", endpointId)
        .param("userId", userId)
        .param("eventId", eventId)
        .param("type", type)
        .param("status", status.wireValue())
        .param("held", status == DeliveryStatus.HELD)
        .param("retryDelays", millisArray(retryDelays))
        .param("createdAt", timestamp(createdAt))
        .update();
    return deliveryId;
  }
}
