package com.devcard.webhooks.store.endpoint;

import java.util.List;

/** What a user asks for when creating an endpoint; {@code description} may be null. */
public record NewEndpoint(String userId, String url, List<String> events, String description) {

  public NewEndpoint {
    events = List.copyOf(events);
  }
}
