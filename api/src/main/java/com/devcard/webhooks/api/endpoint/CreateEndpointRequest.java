package com.devcard.webhooks.api.endpoint;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The body of {@code POST /api/webhooks}; checked by {@link EndpointValidator}. */
@Schema(description = "A new endpoint.")
record CreateEndpointRequest(
    @Schema(
            description =
                "Where deliveries are POSTed: an https URL whose host resolves to a public"
                    + " address.",
            example = "https://hooks.example.com/devcard",
            requiredMode = Schema.RequiredMode.REQUIRED)
        String url,
    @Schema(
            description =
                "The event types to receive: 1 to 50 distinct types from GET /api/event-types.",
            example = "[\"card.viewed\", \"contact.saved\"]",
            requiredMode = Schema.RequiredMode.REQUIRED)
        List<String> events,
    @Schema(
            description = "A note for the user: at most 256 characters, no control characters.",
            example = "CRM sync")
        String description,
    @Schema(
            type = "integer",
            description =
                "At most this many attempts per second to this endpoint, across every worker:"
                    + " 1 to 1000, or null (the default) for no limit.",
            example = "20",
            nullable = true)
        JsonNode rateLimit) {}
