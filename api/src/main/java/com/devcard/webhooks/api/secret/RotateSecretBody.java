package com.devcard.webhooks.api.secret;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The shape of the optional rotation body, for the OpenAPI document; {@link RotateSecretRequest}
 * reads it strictly.
 */
@Schema(name = "RotateSecretRequest", description = "How long the old secret keeps signing.")
record RotateSecretBody(
    @Schema(
            description =
                "The grace period in seconds, 0 to 604800 (7 days); 86400 (24 hours) when absent.",
            example = "86400")
        Long graceSeconds) {}
