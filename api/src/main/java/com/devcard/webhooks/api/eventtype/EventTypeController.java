package com.devcard.webhooks.api.eventtype;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/event-types}: the catalog. */
@RestController
class EventTypeController {

  record EventType(String type, String description) {}

  record EventTypeList(List<EventType> items) {}

  private final EventTypeCatalog catalog;

  EventTypeController(EventTypeCatalog catalog) {
    this.catalog = catalog;
  }

  @GetMapping("/api/event-types")
  EventTypeList list() {
    return new EventTypeList(
        catalog.all().entrySet().stream()
            .map(entry -> new EventType(entry.getKey(), entry.getValue()))
            .toList());
  }
}
