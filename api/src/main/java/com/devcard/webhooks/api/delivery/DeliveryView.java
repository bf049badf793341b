package com.devcard.webhooks.api.delivery;

import com.devcard.webhooks.api.web.ApiTimes;
import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.store.delivery.Delivery;
import io.swagger.v3.oas.annotations.media.Schema;

/** A delivery in a list: its state without payload and log. */
@Schema(description = "One event for one endpoint: its state, without payload and attempts.")
record DeliveryView(
    @Schema(
            description =
                "The delivery's id; receivers get it as `webhook-id` and `X-DevCard-Delivery`.",
            example = "dlv_01JQ8Z7K2M3N4P5Q6R7S8T9V0W")
        String id,
    @Schema(description = "The endpoint it goes to.", example = "ep_01JQ8Z6W3RX4B5C6D7E8F9G0HJ")
        String endpointId,
    @Schema(
            description = "The event it carries, the `id` of the payload.",
            example = "evt_01JQ8Z7K2JABCDEFGHJKMNPQRS")
        String eventId,
    @Schema(description = "The event's type.", example = "card.viewed") String eventType,
    @Schema(
            description =
                "`pending` while attempts are still to come, then the latest attempt's outcome,"
                    + " `success` or `failed`; or `cancelled`; or `held` while its endpoint is"
                    + " disabled by the service (recorded, not sent, sent when it is enabled).",
            implementation = DeliveryStatus.class)
        String status,
    @Schema(description = "Attempts made so far.", example = "2") int attempts,
    @Schema(
            description = "The receiver's status code at the latest attempt; null if none came.",
            example = "503")
        Integer responseCode,
    @Schema(
            description = "When the next scheduled attempt is due; null when none is scheduled.",
            example = "2026-11-28T10:21:01.456Z")
        String nextRetryAt,
    @Schema(description = "When the event was dispatched.", example = "2026-11-28T10:15:30.123Z")
        String createdAt,
    @Schema(description = "When the delivery last changed.", example = "2026-11-28T10:16:01.456Z")
        String updatedAt) {

  static DeliveryView of(Delivery delivery) {
    return new DeliveryView(
        delivery.id(),
        delivery.endpointId(),
        delivery.eventId(),
        delivery.eventType(),
        delivery.status().wireValue(),
        delivery.attempts(),
        delivery.responseCode(),
        ApiTimes.format(delivery.nextRetryAt()),
        ApiTimes.format(delivery.createdAt()),
        ApiTimes.format(delivery.updatedAt()));
  }
}
