package com.devcard.webhooks.api.event;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/**
 * The shape of a {@code POST /api/events} body, for the OpenAPI document: the controller reads the
 * body as a tree so that {@code data} keeps every digit of its numbers (see {@link EventReport}).
 */
@Schema(description = "An event of a user's DevCard.")
record ReportEventRequest(
    @Schema(
            description =
                "An idempotency key, 1 to 128 characters: a report with a key this user already"
                    + " used creates nothing and is answered like the first one.",
            example = "view-9f2c1e")
        String id,
    @Schema(
            description = "The user whose DevCard it concerns, 1 to 128 characters.",
            example = "u_42",
            requiredMode = Schema.RequiredMode.REQUIRED)
        String userId,
    @Schema(
            description = "The event type, one of GET /api/event-types.",
            example = "card.viewed",
            requiredMode = Schema.RequiredMode.REQUIRED)
        String type,
    @Schema(
            description =
                "Any JSON object: receivers get it, byte for byte, as the payload's `data`.",
            example =
                "{\"cardId\": \"c_7\", \"viewedAt\": \"2026-11-28T10:15:30.123Z\","
                    + " \"referrer\": \"https://github.com/\"}",
            requiredMode = Schema.RequiredMode.REQUIRED)
        Map<String, Object> data) {}
