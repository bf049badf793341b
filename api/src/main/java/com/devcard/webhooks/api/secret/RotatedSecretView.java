package com.devcard.webhooks.api.secret;

import com.devcard.webhooks.api.web.ApiTimes;
import com.devcard.webhooks.store.endpoint.RotatedSecret;

/**
 * The answer to a rotation: the new secret, shown this once, and when the replaced one stops
 * signing (the rotation's own time when it stopped at once).
 */
record RotatedSecretView(String secret, String previousSecretExpiresAt) {

  static RotatedSecretView of(RotatedSecret rotated) {
    return new RotatedSecretView(
        rotated.secret(), ApiTimes.format(rotated.previousSecretExpiresAt()));
  }

  // Frameworks log response values at debug level: never with the secret in them.
  @Override
  public String toString() {
    return "RotatedSecretView[secret=<hidden>, previousSecretExpiresAt="
        + previousSecretExpiresAt
        + "]";
  }
}
