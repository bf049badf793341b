package com.devcard.webhooks.api.endpoint;

import com.devcard.webhooks.api.web.ApiTimes;
import com.devcard.webhooks.store.health.EndpointHealth;
import io.swagger.v3.oas.annotations.media.Schema;

/** An endpoint's health, from the delivery log. */
@Schema(description = "How the endpoint's deliveries have been going.")
record HealthView(
    @Schema(
            description = "When its latest successful attempt ended; null if none did.",
            example = "2026-11-28T10:15:30.123Z",
            nullable = true)
        String lastSuccessAt,
    @Schema(
            description = "When its latest failed attempt ended; null if none did.",
            example = "2026-11-28T09:02:11.481Z",
            nullable = true)
        String lastFailureAt,
    @Schema(
            description =
                "The end of the first delivery that ended failed since its latest success; null"
                    + " while none did. Deliveries failing for WEBHOOKS_DISABLE_AFTER (5 days by"
                    + " default) from this time disable the endpoint.",
            example = "2026-11-27T22:40:00.000Z",
            nullable = true)
        String failingSince,
    @Schema(description = "Deliveries that ended in the current hour and the 23 before it.")
        Last24h last24h) {

  @Schema(description = "Deliveries that ended, by outcome.")
  record Last24h(
      @Schema(description = "Ended succeeded.", example = "120") long succeeded,
      @Schema(description = "Ended failed.", example = "0") long failed) {}

  static HealthView of(EndpointHealth health) {
    return new HealthView(
        ApiTimes.format(health.lastSuccessAt()),
        ApiTimes.format(health.lastFailureAt()),
        ApiTimes.format(health.failingSince()),
        new Last24h(health.succeededLast24h(), health.failedLast24h()));
  }
}
