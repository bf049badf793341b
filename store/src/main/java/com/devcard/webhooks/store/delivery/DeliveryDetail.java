package com.devcard.webhooks.store.delivery;

import java.util.List;

/**
 * A delivery with its event payload and attempts, ordered by number.
 *
 * @param attemptLog the attempts, oldest first: all of them, or the latest ones when the log was
 *     read bounded
 * @param attemptTotal how many attempts the whole log holds
 */
public record DeliveryDetail(
    Delivery delivery, String payload, List<Attempt> attemptLog, int attemptTotal) {

  public DeliveryDetail {
    attemptLog = List.copyOf(attemptLog);
  }

  /** True when {@link #attemptLog} leaves out older attempts. */
  public boolean attemptLogTruncated() {
    return attemptTotal > attemptLog.size();
  }
}
