package com.devcard.webhooks.store.endpoint;

import java.time.Instant;

/**
 * The secrets an endpoint's deliveries are signed with: the current one and, during a rotation's
 * grace period, the previous one ({@code previous} and {@code previousExpiresAt} are then
 * non-null).
 */
public record EndpointSecrets(String current, String previous, Instant previousExpiresAt) {

  @Override
  public String toString() {
    return "EndpointSecrets[current=<hidden>, previous="
        + (previous == null ? "null" : "<hidden>")
        + ", previousExpiresAt="
        + previousExpiresAt
        + "]";
  }
}
