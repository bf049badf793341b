package com.devcard.webhooks.store.endpoint;

import java.util.List;
import java.util.Optional;

/**
 * A partial update: an empty field stays as it is. {@code description} and {@code rateLimit} are
 * doubly optional so that "unchanged" ({@code Optional.empty()}) differs from "clear it" ({@code
 * Optional.of(Optional.empty())}).
 *
 * @param releaseHeld with {@code active} true on an endpoint the service disabled: release its held
 *     deliveries (true) or cancel them (false)
 */
public record EndpointChanges(
    Optional<String> url,
    Optional<List<String>> events,
    Optional<Optional<String>> description,
    Optional<Boolean> active,
    Optional<Optional<Integer>> rateLimit,
    boolean releaseHeld) {

  public EndpointChanges(
      Optional<String> url,
      Optional<List<String>> events,
      Optional<Optional<String>> description,
      Optional<Boolean> active,
      Optional<Optional<Integer>> rateLimit) {
    this(url, events, description, active, rateLimit, true);
  }

  public EndpointChanges(
      Optional<String> url,
      Optional<List<String>> events,
      Optional<Optional<String>> description,
      Optional<Boolean> active) {
    this(url, events, description, active, Optional.empty(), true);
  }

  public static EndpointChanges none() {
    return new EndpointChanges(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
