package com.devcard.webhooks.api.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import tools.jackson.databind.JsonNode;

/** The body every receiver gets; serialized once at dispatch and sent byte for byte. */
@JsonPropertyOrder({"id", "type", "createdAt", "data"})
record WebhookPayload(String id, String type, String createdAt, JsonNode data) {}
