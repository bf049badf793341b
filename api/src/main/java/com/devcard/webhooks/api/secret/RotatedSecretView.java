package com.devcard.webhooks.api.secret;

import com.devcard.webhooks.api.web.ApiTimes;
import com.devcard.webhooks.store.endpoint.RotatedSecret;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer to a rotation: the new secret, shown this once, and when the replaced one stops
 * signing (the rotation's own time when it stopped at once).
 */
@Schema(description = "A rotated secret.")
record RotatedSecretView(
    @Schema(
            description = "The new signing secret, shown this once.",
            example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw9ZNmg6bd5lE=")
        String secret,
    @Schema(
            description =
                "When the old secret stops signing; the time of the rotation itself when the"
                    + " grace period is 0.",
            example = "2026-11-29T10:15:30.123Z")
        String previousSecretExpiresAt) {

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
