package com.devcard.webhooks.store.endpoint;

import java.util.List;

/**
 * What a user asks for when creating an endpoint; {@code description} and {@code rateLimit} may be
 * null.
 */
public record NewEndpoint(
    String userId, String url, List<String> events, String description, Integer rateLimit) {

  public NewEndpoint {
    events = List.copyOf(events);
  }

  public NewEndpoint(String userId, String url, List<String> events, String description) {
    this(userId, url, events, description, null);
  }
}
