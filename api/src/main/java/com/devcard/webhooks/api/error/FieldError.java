package com.devcard.webhooks.api.error;

import io.swagger.v3.oas.annotations.media.Schema;

/** One entry of a validation problem's {@code errors} list. */
@Schema(description = "One invalid field of a request.")
public record FieldError(
    @Schema(
            description =
                "The field, as a path into the request body (or the query parameter's name).",
            example = "events[0]")
        String field,
    @Schema(
            description = "What is wrong with its value.",
            example = "is not a known event type (see GET /api/event-types)")
        String message) {}
