package com.devcard.webhooks.store.recovery;

/** A recovery of the same endpoint is running: at most one runs per endpoint. */
public class RecoveryAlreadyRunningException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String runningRecoveryId;

  public RecoveryAlreadyRunningException(String runningRecoveryId) {
    super("recovery " + runningRecoveryId + " of this endpoint is running");
    this.runningRecoveryId = runningRecoveryId;
  }

  public String runningRecoveryId() {
    return runningRecoveryId;
  }
}
