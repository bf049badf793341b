package com.devcard.webhooks.store.operational;

import com.devcard.webhooks.delivery.DeliveryStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The service's own events about endpoints ({@code endpoint.disabled}, {@code endpoint.enabled}),
 * for the DevCard backend to tell their owners. They go to one operational endpoint, configured
 * from {@code WEBHOOKS_OPERATIONAL_URL} and {@code WEBHOOKS_OPERATIONAL_SECRET}, and are delivered
 * by the same machinery as every delivery: a pending delivery, signed with that endpoint's secret,
 * retried on the same schedule. Recorded in the transaction of the change they report, so an event
 * is sent exactly when the change happened.
 */
@Repository
public class OperationalEvents {

  /** The operational endpoint's id. */
  public static final String ENDPOINT_ID = "ep_operational";

  /**
   * The owner of the operational endpoint and its events: no user. Token validation refuses this
   * subject, so no user can see or change them.
   */
  public static final String OWNER = "devcard-webhooks:operational";

  public static final String DISABLED = "endpoint.disabled";
  public static final String ENABLED = "endpoint.enabled";

  private final JdbcClient jdbc;

  public OperationalEvents(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Records {@code endpoint.disabled}, when the operational endpoint is on. Call it in the
   * transaction that disabled the endpoint.
   *
   * @return the delivery to start; empty when the operational endpoint is off
   */
  public Optional<String> disabled(
      String userId,
      String endpointId,
      String reason,
      Instant failingSince,
      List<Duration> retryDelays) {
    return record(
        DISABLED,
        new JsonText()
            .put("userId", userId)
            .put("endpointId", endpointId)
            .put("reason", reason)
            .put("failingSince", failingSince),
        retryDelays);
  }

  /**
   * Records {@code endpoint.enabled}, when the operational endpoint is on. Call it in the
   * transaction that enabled the endpoint.
   *
   * @param by {@code user} or {@code probe}
   * @return the delivery to start; empty when the operational endpoint is off
   */
  public Optional<String> enabled(
      String userId, String endpointId, String by, List<Duration> retryDelays) {
    return record(
        ENABLED,
        new JsonText().put("userId", userId).put("endpointId", endpointId).put("by", by),
        retryDelays);
  }

  private Optional<String> record(String type, JsonText data, List<Duration> retryDelays) {
    boolean on =
        jdbc.sql(
                    "select count(*) from webhook_endpoints"
                        + " where id = :id and is_active and deleted_at is null")
                .param("id", ENDPOINT_ID)
                .query(Integer.class)
                .single()
            > 0;
    if (!on) {
      return Optional.empty();
    }
    // Not started here: admission starts it, as it starts every dispatched delivery.
    String deliveryId =
        new ServiceEvents(jdbc)
            .store(OWNER, ENDPOINT_ID, type, data, retryDelays, DeliveryStatus.PENDING);
    return Optional.of(deliveryId);
  }
}
