package com.devcard.webhooks.store.endpoint;

import java.time.Instant;
import java.util.List;

/**
 * A user's webhook endpoint, without its secret. {@code description} may be null.
 *
 * @param disabledReason why it is inactive ({@code user}, {@code gone} or {@code failing}); {@code
 *     null} while active
 * @param disabledAt since when it is inactive; {@code null} while active
 * @param rateLimit at most this many attempts per second; {@code null} for no limit
 */
public record Endpoint(
    String id,
    String userId,
    String url,
    List<String> events,
    String description,
    boolean active,
    Instant createdAt,
    Instant updatedAt,
    String disabledReason,
    Instant disabledAt,
    Integer rateLimit) {

  public Endpoint {
    events = List.copyOf(events);
  }

  /** An endpoint without a rate limit, active or set inactive by its owner. */
  public Endpoint(
      String id,
      String userId,
      String url,
      List<String> events,
      String description,
      boolean active,
      Instant createdAt,
      Instant updatedAt) {
    this(
        id,
        userId,
        url,
        events,
        description,
        active,
        createdAt,
        updatedAt,
        active ? null : DisabledReason.USER.wireValue(),
        active ? null : updatedAt,
        null);
  }
}
