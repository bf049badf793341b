package com.devcard.webhooks.store.endpoint;

import java.time.Instant;
import java.util.List;

/** A user's webhook endpoint, without its secret. {@code description} may be null. */
public record Endpoint(
    String id,
    String userId,
    String url,
    List<String> events,
    String description,
    boolean active,
    Instant createdAt,
    Instant updatedAt) {

  public Endpoint {
    events = List.copyOf(events);
  }
}
