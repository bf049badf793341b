package com.devcard.webhooks.store.delivery;

import com.devcard.webhooks.delivery.DeliveryStatus;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Ending a pending delivery early ({@code cancelled}: its endpoint went away, or an operator asked)
 * and reopening a finished one for the manual attempt "retry" asks for; each one compare-and-set.
 */
@Repository
public class CancelReopenRepository {

  private final JdbcClient jdbc;

  public CancelReopenRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
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

  /** The delivery's status now; empty when it is gone. */
  public Optional<DeliveryStatus> statusOf(String deliveryId) {
    return jdbc.sql("select status from webhook_deliveries where id = :id")
        .param("id", deliveryId)
        .query((rs, rowNum) -> DeliveryStatus.fromWireValue(rs.getString("status")))
        .optional();
  }
}
