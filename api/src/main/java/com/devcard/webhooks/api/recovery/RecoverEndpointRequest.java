package com.devcard.webhooks.api.recovery;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The shape of a {@code POST /api/webhooks/{id}/recover} body, for the OpenAPI document; {@link
 * RecoveryRequestParser} reads it strictly.
 */
@Schema(description = "Which failed deliveries of the endpoint to retry.")
record RecoverEndpointRequest(
    @Schema(
            description = "Deliveries created at or after this time: ISO-8601 with an offset.",
            example = "2026-11-28T00:00:00Z",
            requiredMode = Schema.RequiredMode.REQUIRED)
        String since) {}
