package com.devcard.webhooks.store.health;

import java.time.Instant;

/**
 * How an endpoint's deliveries have been going.
 *
 * @param lastSuccessAt the end of its latest successful attempt; {@code null} when none
 * @param lastFailureAt the end of its latest failed attempt; {@code null} when none
 * @param failingSince the end of the first delivery that ended failed since the latest success;
 *     {@code null} while none did
 * @param succeededLast24h deliveries that ended succeeded in the current hour and the 23 before it
 * @param failedLast24h deliveries that ended failed in the same hours
 */
public record EndpointHealth(
    Instant lastSuccessAt,
    Instant lastFailureAt,
    Instant failingSince,
    long succeededLast24h,
    long failedLast24h) {

  /** An endpoint with no attempt yet. */
  public static final EndpointHealth NONE = new EndpointHealth(null, null, null, 0, 0);
}
