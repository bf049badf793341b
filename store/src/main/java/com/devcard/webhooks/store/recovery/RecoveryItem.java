package com.devcard.webhooks.store.recovery;

import com.devcard.webhooks.delivery.DeliveryStatus;

/**
 * One delivery of a recovery's snapshot, with what recovering it needs to decide.
 *
 * @param state {@code pending}, {@code succeeded}, {@code failed} or {@code skipped}
 * @param attempt the number the manual attempt got in the delivery's log, once made
 * @param deliveryStatus the delivery's status now
 * @param recoveryState the recovery's state now
 */
public record RecoveryItem(
    String recoveryId,
    int position,
    String deliveryId,
    String state,
    Integer attempt,
    DeliveryStatus deliveryStatus,
    String recoveryState) {

  public boolean isPending() {
    return "pending".equals(state);
  }
}
