package com.devcard.webhooks.api.eventtype;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The event types a user can subscribe to and a service can report. */
@Component
public class EventTypeCatalog {

  /** Sent by {@code POST /api/webhooks/{id}/test} to that endpoint alone. */
  public static final String WEBHOOK_TEST = "webhook.test";

  private final Map<String, String> descriptions = new LinkedHashMap<>();

  EventTypeCatalog() {
    descriptions.put("card.viewed", "Someone viewed one of the user's public DevCards.");
    descriptions.put("contact.saved", "Someone saved the user's contact details from a DevCard.");
    descriptions.put(WEBHOOK_TEST, "A test event, sent on request to one endpoint.");
  }

  public boolean contains(String type) {
    return descriptions.containsKey(type);
  }

  /** Types in catalog order with their descriptions. */
  public Map<String, String> all() {
    return Collections.unmodifiableMap(descriptions);
  }
}
