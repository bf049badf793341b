package com.devcard.webhooks.store.endpoint;

import java.time.Instant;

/**
 * The result of a secret rotation: the new secret in plaintext, shown to the user this once only,
 * and when the secret it replaced stops signing. With no grace period the old secret stopped at the
 * rotation itself, and {@code previousSecretExpiresAt} is that moment.
 */
public record RotatedSecret(String secret, Instant previousSecretExpiresAt) {

  @Override
  public String toString() {
    return "RotatedSecret[secret=<hidden>, previousSecretExpiresAt="
        + previousSecretExpiresAt
        + "]";
  }
}
