package com.devcard.webhooks.api.endpoint;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The shape of a {@code PATCH /api/webhooks/{id}} body, for the OpenAPI document: the controller
 * reads the body as a tree, because a field that is absent and one that is {@code null} mean
 * different things.
 */
@Schema(description = "The fields to change; an absent field stays as it is.")
record UpdateEndpointRequest(
    @Schema(
            description = "A new target URL, under the same rules as when registering.",
            example = "https://hooks.example.com/devcard-v2")
        String url,
    @Schema(
            description = "The new list of event types: 1 to 50 distinct types.",
            example = "[\"card.viewed\"]")
        List<String> events,
    @Schema(
            description = "A new note (at most 256 characters), or null to clear it.",
            example = "CRM sync (staging)")
        String description,
    @Schema(
            description =
                "false pauses the endpoint and cancels its pending deliveries (and its held ones);"
                    + " true resumes it. After the service disabled it (disabledReason gone or"
                    + " failing), true also sends its held deliveries in creation order.",
            example = "false")
        Boolean isActive,
    @Schema(
            description =
                "With isActive true on an endpoint the service disabled: false cancels its held"
                    + " deliveries instead of sending them. Default true.",
            example = "false")
        Boolean releaseHeld,
    @Schema(
            description =
                "At most this many attempts per second to this endpoint (1 to 1000), or null to"
                    + " remove the limit.",
            example = "20",
            nullable = true)
        Integer rateLimit) {}
