package com.devcard.webhooks.api.eventtype;

import com.devcard.webhooks.api.openapi.ApiTags;
import com.devcard.webhooks.api.openapi.ProblemResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/event-types}: the catalog. */
@RestController
@Tag(name = ApiTags.EVENT_TYPES)
class EventTypeController {

  @Schema(description = "An event type.")
  record EventType(
      @Schema(description = "The type's name, as endpoints list it.", example = "card.viewed")
          String type,
      @Schema(
              description = "What happened when an event of this type is sent.",
              example = "Someone viewed one of the user's public DevCards.")
          String description) {}

  @Schema(description = "The event types.")
  record EventTypeList(@Schema(description = "Every event type.") List<EventType> items) {}

  private final EventTypeCatalog catalog;

  EventTypeController(EventTypeCatalog catalog) {
    this.catalog = catalog;
  }

  @Operation(
      operationId = "listEventTypes",
      summary = "List the event types",
      description =
          "The event types an endpoint can subscribe to, each with what it means."
              + " `webhook.test` is what the test route sends.")
  @ApiResponse(responseCode = "200", description = "Every event type.")
  @ApiResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
  @GetMapping("/api/event-types")
  EventTypeList list() {
    return new EventTypeList(
        catalog.all().entrySet().stream()
            .map(entry -> new EventType(entry.getKey(), entry.getValue()))
            .toList());
  }
}
