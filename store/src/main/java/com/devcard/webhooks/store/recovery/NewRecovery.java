package com.devcard.webhooks.store.recovery;

import java.time.Instant;

/**
 * A recovery to create: retry every {@code failed} delivery matching all the given filters (a
 * {@code null} filter matches everything).
 *
 * @param ownerUserId the user who may read and cancel it through {@code /api/recoveries}; {@code
 *     null} when an operator started it, which makes it visible through {@code /api/admin} only
 * @param createdBy the subject of the token that created it, for the record
 * @param ratePerSecond the pace, captured now so a resumed recovery keeps it
 * @param maxManualAttempts leaves out deliveries that already have this many manual attempts in
 *     their log; {@code null} leaves none out
 */
public record NewRecovery(
    String ownerUserId,
    String createdBy,
    String userId,
    String endpointId,
    Instant since,
    int ratePerSecond,
    Integer maxManualAttempts) {

  /** A recovery that leaves out no delivery for its manual attempts. */
  public NewRecovery(
      String ownerUserId,
      String createdBy,
      String userId,
      String endpointId,
      Instant since,
      int ratePerSecond) {
    this(ownerUserId, createdBy, userId, endpointId, since, ratePerSecond, null);
  }
}
