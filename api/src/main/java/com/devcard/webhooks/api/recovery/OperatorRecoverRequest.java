package com.devcard.webhooks.api.recovery;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The shape of a {@code POST /api/admin/recover} body, for the OpenAPI document; {@link
 * RecoveryRequestParser} reads it strictly.
 */
@Schema(
    description =
        "Which failed deliveries to retry: at least one filter, all of them applying; or"
            + " `\"all\": true` alone for every failed delivery of every user.")
record OperatorRecoverRequest(
    @Schema(description = "Only this user's deliveries.", example = "u_42") String userId,
    @Schema(
            description = "Only this endpoint's deliveries; an unknown id is a 404.",
            example = "ep_01JQ8Z6W3RX4B5C6D7E8F9G0HJ")
        String endpointId,
    @Schema(
            description = "Only deliveries created at or after this time: ISO-8601 with an offset.",
            example = "2026-11-27T22:00:00Z")
        String since,
    @Schema(
            description =
                "true, with no other field, to retry every failed delivery of every user.",
            example = "false")
        Boolean all) {}
