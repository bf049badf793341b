package com.devcard.webhooks.store.recovery;

import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.delivery.RecoveryItemOutcome;
import com.devcard.webhooks.delivery.RecoveryState;
import java.time.Duration;
import java.util.List;

/**
 * One delivery of a recovery's snapshot, with what recovering it needs to decide.
 *
 * @param outcome what recovering it came to; {@code null} while it is pending
 * @param attempt the number the manual attempt got in the delivery's log, once made
 * @param deliveryStatus the delivery's status now
 * @param recoveryState the recovery's state now
 * @param release the item of a release: its delivery is to be {@code held}, and its attempt is the
 *     next of its schedule
 * @param deliveryAttempts the attempts in the delivery's log now
 * @param retryDelays the delivery's retry schedule
 */
public record RecoveryItem(
    String recoveryId,
    int position,
    String deliveryId,
    RecoveryItemOutcome outcome,
    Integer attempt,
    DeliveryStatus deliveryStatus,
    RecoveryState recoveryState,
    boolean release,
    int deliveryAttempts,
    List<Duration> retryDelays) {

  public RecoveryItem {
    retryDelays = List.copyOf(retryDelays);
  }

  /**
   * The wait after the next scheduled attempt should it fail; {@code null} when it is the last one.
   */
  public Duration nextDelayIfItFails() {
    return deliveryAttempts < retryDelays.size() ? retryDelays.get(deliveryAttempts) : null;
  }

  public boolean isPending() {
    return outcome == null;
  }
}
