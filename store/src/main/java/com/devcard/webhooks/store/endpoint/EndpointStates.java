package com.devcard.webhooks.store.endpoint;

import static com.devcard.webhooks.store.JdbcColumns.durations;
import static com.devcard.webhooks.store.JdbcColumns.instant;
import static com.devcard.webhooks.store.JdbcColumns.timestamp;

import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.store.operational.JsonText;
import com.devcard.webhooks.store.operational.OperationalEvents;
import com.devcard.webhooks.store.operational.ServiceEvents;
import com.devcard.webhooks.store.recovery.Recovery;
import com.devcard.webhooks.store.recovery.RecoveryRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Endpoints disabled and enabled by what their receivers do, and what goes with it: pending
 * deliveries held, held ones released or cancelled, the probe due, the operational event. Each
 * change is one transaction, joined when the caller already runs one (recording an attempt,
 * updating an endpoint).
 */
@Repository
public class EndpointStates {

  /** How a disable or an enable came about, for the operational event. */
  public enum EnabledBy {
    USER,
    PROBE;

    public String wireValue() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * An endpoint just disabled by the service.
   *
   * @param heldDeliveryIds its pending deliveries, now held
   * @param operationalDeliveryId the {@code endpoint.disabled} event's delivery to start, if any
   */
  public record Disabled(
      String endpointId,
      String userId,
      DisabledReason reason,
      Instant failingSince,
      List<String> heldDeliveryIds,
      Optional<String> operationalDeliveryId) {

    public Disabled {
      heldDeliveryIds = List.copyOf(heldDeliveryIds);
    }
  }

  /**
   * An endpoint disabled by the service and just enabled again.
   *
   * @param release the release of its held deliveries to run; empty when none was held or they were
   *     cancelled
   * @param cancelledDeliveryIds the held deliveries cancelled instead of released
   * @param operationalDeliveryId the {@code endpoint.enabled} event's delivery to start, if any
   */
  public record Enabled(
      String endpointId,
      String userId,
      Optional<Recovery> release,
      List<String> cancelledDeliveryIds,
      Optional<String> operationalDeliveryId) {

    public Enabled {
      cancelledDeliveryIds = List.copyOf(cancelledDeliveryIds);
    }
  }

  /** An endpoint disabled as failing whose probe is still to be started. */
  public record ProbeDue(String endpointId, String userId, String url) {}

  /** The event type of the test delivery a probe sends when no delivery is held. */
  public static final String TEST_EVENT = "webhook.test";

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final OperationalEvents events;
  private final RecoveryRepository recoveries;

  @Autowired
  public EndpointStates(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
    this(jdbc, new TransactionTemplate(transactionManager));
  }

  public EndpointStates(JdbcClient jdbc, TransactionTemplate transactions) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.events = new OperationalEvents(jdbc);
    this.recoveries = new RecoveryRepository(jdbc, transactions);
  }

  /**
   * The receiver answered {@code 410} to {@code answeredDeliveryId}: disables the endpoint ({@code
   * gone}) unless its owner set it inactive or it is gone already, and holds its pending
   * deliveries. An endpoint disabled as failing becomes gone, which ends its probe.
   */
  public Optional<Disabled> disableAsGone(String endpointId, String answeredDeliveryId) {
    return transactions.execute(
        status ->
            disable(
                endpointId,
                DisabledReason.GONE,
                failingSince(endpointId),
                retryDelaysOf(answeredDeliveryId)));
  }

  /**
   * A delivery of the endpoint ended failed at {@code now}: disables the endpoint ({@code failing})
   * when its {@code failingSince} is at least {@code disableAfter} before, and holds its pending
   * deliveries. A zero {@code disableAfter} never disables.
   */
  public Optional<Disabled> disableIfFailingFor(
      String endpointId, Duration disableAfter, Instant now, String failedDeliveryId) {
    if (disableAfter.isZero()) {
      return Optional.empty();
    }
    return transactions.execute(
        status -> {
          Instant failingSince = failingSince(endpointId);
          if (failingSince == null || failingSince.plus(disableAfter).isAfter(now)) {
            return Optional.<Disabled>empty();
          }
          return disable(
              endpointId, DisabledReason.FAILING, failingSince, retryDelaysOf(failedDeliveryId));
        });
  }

  private Optional<Disabled> disable(
      String endpointId,
      DisabledReason reason,
      Instant failingSince,
      List<Duration> eventRetryDelays) {
    Optional<String> userId =
        jdbc.sql(
                "update webhook_endpoints set is_active = false, disabled_reason = :reason,"
                    + " disabled_at = now(), probe_started = false, updated_at = now()"
                    + " where id = :id and deleted_at is null and not operational"
                    // A 410 to a probe turns a failing endpoint into a gone one: no more probes.
                    + " and (is_active or (:reason = 'gone' and disabled_reason = 'failing'))"
                    + " returning user_id")
            .param("reason", reason.wireValue())
            .param("id", endpointId)
            .query(String.class)
            .optional();
    if (userId.isEmpty()) {
      return Optional.empty();
    }
    List<String> held = holdPending(endpointId);
    Optional<String> event =
        events.disabled(
            userId.get(), endpointId, reason.wireValue(), failingSince, eventRetryDelays);
    return Optional.of(new Disabled(endpointId, userId.get(), reason, failingSince, held, event));
  }

  // Runs after the endpoint row was updated: dispatches holding it FOR SHARE have committed, and
  // later ones see it disabled and hold their deliveries themselves.
  private List<String> holdPending(String endpointId) {
    return jdbc
        .sql(
            "update webhook_deliveries set status = 'held', held_at = now(),"
                + " next_retry_at = null, manual_attempt_requested_at = null, updated_at = now()"
                + " where endpoint_id = :endpointId and status = 'pending'"
                + " returning id")
        .param("endpointId", endpointId)
        .query(String.class)
        .list()
        .stream()
        .sorted()
        .toList();
  }

  /**
   * Enables the endpoint after a successful probe, unless it is no longer disabled as failing, and
   * releases its held deliveries.
   */
  public Optional<Enabled> enableAfterProbe(
      String endpointId, int releaseRate, List<Duration> eventRetryDelays) {
    return transactions.execute(
        status -> {
          Optional<String> userId = lockIfDisabledAsFailing(endpointId);
          if (userId.isEmpty()) {
            return Optional.<Enabled>empty();
          }
          activate(endpointId);
          return Optional.of(
              afterEnable(
                  endpointId, userId.get(), EnabledBy.PROBE, true, releaseRate, eventRetryDelays));
        });
  }

  /**
   * Its owner set the endpoint active again after the service disabled it ({@code gone} or {@code
   * failing}): its held deliveries are released, or cancelled. Call it in the transaction that set
   * the endpoint active, with the reason it had before.
   */
  Enabled enabledByOwner(
      String endpointId,
      String userId,
      boolean releaseHeld,
      int releaseRate,
      List<Duration> eventRetryDelays) {
    return afterEnable(
        endpointId, userId, EnabledBy.USER, releaseHeld, releaseRate, eventRetryDelays);
  }

  private void activate(String endpointId) {
    jdbc.sql(
            "update webhook_endpoints set is_active = true, disabled_reason = null,"
                + " disabled_at = null, updated_at = now() where id = :id")
        .param("id", endpointId)
        .update();
  }

  private Enabled afterEnable(
      String endpointId,
      String userId,
      EnabledBy by,
      boolean releaseHeld,
      int releaseRate,
      List<Duration> eventRetryDelays) {
    // A fresh start: the failures before the disable no longer count towards the next one.
    jdbc.sql("update webhook_endpoint_health set failing_since = null where endpoint_id = :id")
        .param("id", endpointId)
        .update();
    Optional<Recovery> release = Optional.empty();
    List<String> cancelled = List.of();
    if (releaseHeld) {
      release = recoveries.createRelease(endpointId, releaseRate);
    } else {
      cancelled = cancelHeldOf(endpointId);
    }
    Optional<String> event = events.enabled(userId, endpointId, by.wireValue(), eventRetryDelays);
    return new Enabled(endpointId, userId, release, cancelled, event);
  }

  /** Cancels the endpoint's held deliveries: its owner dropped them. */
  List<String> cancelHeldOf(String endpointId) {
    return jdbc
        .sql(
            "update webhook_deliveries set status = 'cancelled', cancel_reason = 'endpoint',"
                + " held_at = null, updated_at = now()"
                + " where endpoint_id = :endpointId and status = 'held'"
                + " returning id")
        .param("endpointId", endpointId)
        .query(String.class)
        .list()
        .stream()
        .sorted()
        .toList();
  }

  /**
   * Cancels deliveries held since before {@code heldBefore}, at most {@code limit}, oldest first.
   *
   * @return their ids
   */
  public List<String> cancelHeldSince(Instant heldBefore, int limit) {
    return jdbc.sql(
            "update webhook_deliveries set status = 'cancelled', cancel_reason = 'endpoint',"
                + " held_at = null, updated_at = now()"
                + " where id in (select id from webhook_deliveries"
                + " where status = 'held' and held_at < :before order by held_at limit :limit)"
                + " and status = 'held'"
                + " returning id")
        .param("before", timestamp(heldBefore))
        .param("limit", limit)
        .query(String.class)
        .list();
  }

  /** Endpoints disabled as failing whose probe has not been started yet. */
  public List<ProbeDue> probesDue(int limit) {
    return jdbc.sql(
            "select id, user_id, url from webhook_endpoints"
                + " where disabled_reason = 'failing' and not probe_started"
                + " and deleted_at is null order by id limit :limit")
        .param("limit", limit)
        .query(
            (rs, rowNum) ->
                new ProbeDue(rs.getString("id"), rs.getString("user_id"), rs.getString("url")))
        .list();
  }

  public void markProbeStarted(String endpointId) {
    jdbc.sql("update webhook_endpoints set probe_started = true where id = :id")
        .param("id", endpointId)
        .update();
  }

  /**
   * The delivery a probe of the endpoint sends: its oldest held delivery, or, when none is held, a
   * new held {@code webhook.test} delivery. Empty once the endpoint is no longer disabled as
   * failing (enabled, or deleted).
   */
  public Optional<String> probeTarget(String endpointId, List<Duration> retryDelays) {
    return transactions.execute(
        status -> {
          Optional<String> userId = lockIfDisabledAsFailing(endpointId);
          if (userId.isEmpty()) {
            return Optional.<String>empty();
          }
          Optional<String> oldest =
              jdbc.sql(
                      "select id from webhook_deliveries where endpoint_id = :endpointId"
                          + " and status = 'held' order by created_at, id limit 1")
                  .param("endpointId", endpointId)
                  .query(String.class)
                  .optional();
          return Optional.of(
              oldest.orElseGet(() -> heldTestDelivery(endpointId, userId.get(), retryDelays)));
        });
  }

  private String heldTestDelivery(String endpointId, String userId, List<Duration> retryDelays) {
    return new ServiceEvents(jdbc)
        .store(
            userId,
            endpointId,
            TEST_EVENT,
            new JsonText()
                .put("message", "This is a recovery probe from DevCard Webhooks.")
                .put("endpointId", endpointId),
            retryDelays,
            DeliveryStatus.HELD);
  }

  /** Locks the endpoint while it is disabled as failing; its owner, or empty once it is not. */
  private Optional<String> lockIfDisabledAsFailing(String endpointId) {
    return jdbc.sql(
            "select user_id from webhook_endpoints where id = :id"
                + " and disabled_reason = 'failing' and deleted_at is null for update")
        .param("id", endpointId)
        .query(String.class)
        .optional();
  }

  private Instant failingSince(String endpointId) {
    return jdbc.sql(
            "select (select failing_since from webhook_endpoint_health"
                + " where endpoint_id = :id) as failing_since")
        .param("id", endpointId)
        .query((rs, rowNum) -> new Since(instant(rs, "failing_since")))
        .single()
        .value();
  }

  private record Since(Instant value) {}

  /**
   * The schedule of the delivery that caused a disable: its operational event is delivered with the
   * same retries.
   */
  private List<Duration> retryDelaysOf(String deliveryId) {
    return jdbc.sql("select retry_delays_ms from webhook_deliveries where id = :id")
        .param("id", deliveryId)
        .query((rs, rowNum) -> durations(rs, "retry_delays_ms"))
        .single();
  }
}
