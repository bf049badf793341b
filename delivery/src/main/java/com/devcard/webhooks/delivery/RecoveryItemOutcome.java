package com.devcard.webhooks.delivery;

import java.util.Locale;

/** What recovering one item came to. */
public enum RecoveryItemOutcome {
  /** The manual attempt got a 2xx. */
  SUCCEEDED,
  /** The manual attempt failed; the delivery stays {@code failed}. */
  FAILED,
  /**
   * No attempt was made: the delivery was no longer {@code failed} when its turn came (retried in
   * the meantime) or its endpoint is gone or inactive.
   */
  SKIPPED,
  /** The recovery was cancelled through the API before this item's turn: nothing was done. */
  RECOVERY_CANCELLED;

  /** The lowercase value the store keeps for a finished item. */
  public String wireValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static RecoveryItemOutcome fromWireValue(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }
}
