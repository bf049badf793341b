package com.devcard.webhooks.api.endpoint;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;

/** The answer to a create: the endpoint and, this once, its signing secret. */
@Schema(description = "A new endpoint with its signing secret, which is never shown again.")
record CreatedEndpointView(
    @JsonUnwrapped EndpointView endpoint,
    @Schema(
            description =
                "The signing secret: `whsec_` and the base64 of 32 random bytes. Shown this once.",
            example = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw9ZNmg6bd5lE=")
        String secret) {

  // Frameworks log response values at debug level: never with the secret in them.
  @Override
  public String toString() {
    return "CreatedEndpointView[endpoint=" + endpoint + ", secret=<hidden>]";
  }
}
