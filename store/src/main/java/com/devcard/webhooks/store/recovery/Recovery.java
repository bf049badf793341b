package com.devcard.webhooks.store.recovery;

import com.devcard.webhooks.delivery.RecoveryState;
import java.time.Instant;

/**
 * A bulk recovery and its progress. {@code done} counts the items finished, {@code succeeded} and
 * {@code failed} those whose manual attempt got that result (a skipped item is in neither).
 *
 * @param release a release of an endpoint's held deliveries, made when it was enabled again, rather
 *     than a bulk recovery of failed ones: its items run one at a time, in creation order
 */
public record Recovery(
    String id,
    String ownerUserId,
    String userId,
    String endpointId,
    Instant since,
    int ratePerSecond,
    RecoveryState state,
    int total,
    int done,
    int succeeded,
    int failed,
    Instant createdAt,
    Instant updatedAt,
    boolean release) {

  /** A bulk recovery (not a release). */
  public Recovery(
      String id,
      String ownerUserId,
      String userId,
      String endpointId,
      Instant since,
      int ratePerSecond,
      RecoveryState state,
      int total,
      int done,
      int succeeded,
      int failed,
      Instant createdAt,
      Instant updatedAt) {
    this(
        id,
        ownerUserId,
        userId,
        endpointId,
        since,
        ratePerSecond,
        state,
        total,
        done,
        succeeded,
        failed,
        createdAt,
        updatedAt,
        false);
  }
}
