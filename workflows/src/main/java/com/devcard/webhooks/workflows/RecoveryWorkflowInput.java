package com.devcard.webhooks.workflows;

/**
 * What a recovery workflow runs with. Ids and numbers only: the deliveries themselves are in the
 * store's snapshot.
 *
 * @param total the number of items in the snapshot, numbered 1 to {@code total}
 * @param ratePerSecond at most this many items are started in any one second, captured when the
 *     recovery was created
 * @param nextPosition the first item this run recovers: 1 for a new recovery, later for a run
 *     continued as new or a recovery resumed after its workflow was lost
 * @param oneAtATime the items run one after the other, in order, {@code 1/ratePerSecond} apart (the
 *     release of an endpoint's held deliveries); otherwise in batches of {@code ratePerSecond}.
 *     Absent from histories recorded before it existed, where it reads as {@code false}.
 */
public record RecoveryWorkflowInput(
    String recoveryId, int total, int ratePerSecond, int nextPosition, boolean oneAtATime) {

  /** A bulk recovery, in batches. */
  public RecoveryWorkflowInput(String recoveryId, int total, int ratePerSecond, int nextPosition) {
    this(recoveryId, total, ratePerSecond, nextPosition, false);
  }

  /** The highest rate a recovery may run at: no more requests than this are ever in flight. */
  public static final int MAX_RATE = 100;

  public RecoveryWorkflowInput {
    if (total < 0) {
      throw new IllegalArgumentException("total must not be negative: " + total);
    }
    if (ratePerSecond < 1 || ratePerSecond > MAX_RATE) {
      throw new IllegalArgumentException(
          "ratePerSecond must be between 1 and " + MAX_RATE + ": " + ratePerSecond);
    }
    if (nextPosition < 1) {
      throw new IllegalArgumentException("nextPosition must be at least 1: " + nextPosition);
    }
  }

  /** A release of held deliveries that has not started yet: one at a time, in order. */
  public static RecoveryWorkflowInput freshRelease(
      String recoveryId, int total, int ratePerSecond) {
    return new RecoveryWorkflowInput(recoveryId, total, ratePerSecond, 1, true);
  }

  /** A recovery that has not started yet. */
  public static RecoveryWorkflowInput fresh(String recoveryId, int total, int ratePerSecond) {
    return new RecoveryWorkflowInput(recoveryId, total, ratePerSecond, 1);
  }

  /** The same recovery, carrying on at {@code position}. */
  public RecoveryWorkflowInput continuingAt(int position) {
    return new RecoveryWorkflowInput(recoveryId, total, ratePerSecond, position, oneAtATime);
  }
}
