package com.devcard.webhooks.api.event;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What a dispatch answers, over HTTP and in process: the event id and one delivery per endpoint.
 */
@Schema(description = "A reported event and the deliveries it made.")
public record DispatchedEvent(
    @Schema(
            description = "The event's id, the `id` every receiver gets in the payload.",
            example = "evt_01JQ8Z7K2JABCDEFGHJKMNPQRS")
        String eventId,
    @Schema(description = "One delivery per endpoint that receives the event; may be empty.")
        List<DeliveryRef> deliveries) {

  @Schema(description = "A delivery of the event to one endpoint.")
  public record DeliveryRef(
      @Schema(description = "The delivery's id.", example = "dlv_01JQ8Z7K2M3N4P5Q6R7S8T9V0W")
          String id,
      @Schema(description = "The endpoint it goes to.", example = "ep_01JQ8Z6W3RX4B5C6D7E8F9G0HJ")
          String endpointId) {}
}
