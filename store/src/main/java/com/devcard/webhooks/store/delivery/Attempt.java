package com.devcard.webhooks.store.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * One recorded attempt; {@code trigger} is {@code scheduled} or {@code manual}.
 *
 * @param retryAfter the wait the receiver asked for in a {@code Retry-After} header; {@code null}
 *     when it asked for none
 */
public record Attempt(
    int attempt,
    String trigger,
    Instant startedAt,
    long durationMs,
    Integer responseCode,
    String responseBody,
    String error,
    Duration retryAfter) {

  public Attempt(
      int attempt,
      String trigger,
      Instant startedAt,
      long durationMs,
      Integer responseCode,
      String responseBody,
      String error) {
    this(attempt, trigger, startedAt, durationMs, responseCode, responseBody, error, null);
  }
}
