package com.devcard.webhooks.store.sweep;

import java.util.Locale;

/**
 * The periodic sweeps that only one process at a time may run. Each has its own advisory lock key:
 * the keys are part of the contract between versions running side by side during a rolling
 * deployment, so a key never changes and a number is never reused.
 */
public enum Sweep {
  UNSTARTED_DELIVERIES(1),
  PENDING_DELIVERIES(2),
  RUNNING_RECOVERIES(3),
  EXPIRED_SECRETS(4),
  OLD_HEALTH_COUNTERS(5),
  ENDPOINT_PROBES(6),
  EXPIRED_HOLDS(7),
  EXPIRED_DELIVERIES(8),
  ADMISSION(9),
  EXPIRED_PORTAL_SESSIONS(10);

  private final int lockKey;

  Sweep(int lockKey) {
    this.lockKey = lockKey;
  }

  int lockKey() {
    return lockKey;
  }

  /** The name used in logs and metrics, e.g. {@code pending-deliveries}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
