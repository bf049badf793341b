package com.devcard.webhooks.api.openapi;

import com.devcard.webhooks.api.error.FieldError;
import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;
import java.util.List;

/**
 * The shape of every problem body, as {@code Problems} builds it; for the OpenAPI document only.
 */
@Schema(
    name = ProblemResponses.SCHEMA,
    description =
        "An RFC 9457 problem. Every failure is answered with one, as application/problem+json.")
record ProblemView(
    @Schema(
            description =
                "A stable URI naming the kind of problem. Clients branch on it, never on the"
                    + " title or detail.",
            example = "https://devcard.dev/problems/validation-failed")
        URI type,
    @Schema(description = "A short summary of the kind of problem.", example = "Validation failed")
        String title,
    @Schema(description = "The HTTP status code of the answer.", example = "400") int status,
    @Schema(
            description =
                "What went wrong with this request, in words safe to show: never a stack trace,"
                    + " SQL or a secret.",
            example = "The request has invalid fields.")
        String detail,
    @Schema(
            description =
                "Validation problems only: every invalid field, each with what is wrong with it.")
        List<FieldError> errors) {}
