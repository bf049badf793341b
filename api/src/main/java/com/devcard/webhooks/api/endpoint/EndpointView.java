package com.devcard.webhooks.api.endpoint;

import com.devcard.webhooks.api.web.ApiTimes;
import com.devcard.webhooks.store.endpoint.Endpoint;
import com.devcard.webhooks.store.health.EndpointHealth;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** An endpoint as the API shows it: never with its secret. */
@Schema(description = "A webhook endpoint, without its secret.")
record EndpointView(
    @Schema(description = "The endpoint's id.", example = "ep_01JQ8Z6W3RX4B5C6D7E8F9G0HJ")
        String id,
    @Schema(
            description = "Where deliveries are POSTed.",
            example = "https://hooks.example.com/devcard")
        String url,
    @Schema(
            description = "The event types it receives.",
            example = "[\"card.viewed\", \"contact.saved\"]")
        List<String> events,
    @Schema(description = "The user's note, or null.", example = "CRM sync") String description,
    @Schema(
            description = "Whether it receives deliveries; false after it was deactivated.",
            example = "true")
        @JsonProperty("isActive")
        boolean isActive,
    @Schema(
            description =
                "Why it is inactive: `user` (set inactive by its owner), `gone` (the receiver"
                    + " answered 410), `failing` (disabled automatically after failing for"
                    + " WEBHOOKS_DISABLE_AFTER); null while active.",
            allowableValues = {"user", "gone", "failing"},
            example = "failing",
            nullable = true)
        String disabledReason,
    @Schema(
            description = "Since when it is inactive; null while active.",
            example = "2026-11-28T10:15:30.123Z",
            nullable = true)
        String disabledAt,
    @Schema(
            description =
                "At most this many attempts per second to this endpoint, across every worker;"
                    + " null for no limit.",
            example = "20",
            nullable = true)
        Integer rateLimit,
    @Schema(description = "How its deliveries have been going.") HealthView health,
    @Schema(description = "When it was registered.", example = "2026-11-28T10:15:30.123Z")
        String createdAt,
    @Schema(description = "When it last changed.", example = "2026-11-28T10:15:30.123Z")
        String updatedAt) {

  static EndpointView of(Endpoint endpoint, EndpointHealth health) {
    return new EndpointView(
        endpoint.id(),
        endpoint.url(),
        endpoint.events(),
        endpoint.description(),
        endpoint.active(),
        endpoint.disabledReason(),
        ApiTimes.format(endpoint.disabledAt()),
        endpoint.rateLimit(),
        HealthView.of(health),
        ApiTimes.format(endpoint.createdAt()),
        ApiTimes.format(endpoint.updatedAt()));
  }
}
