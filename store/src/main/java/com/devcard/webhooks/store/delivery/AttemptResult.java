package com.devcard.webhooks.store.delivery;

import java.time.Duration;
import java.time.Instant;

/**
 * What happened during one attempt, to be recorded; {@code responseCode} is null without response.
 *
 * @param retryAfter the wait the receiver asked for in a {@code Retry-After} header, as asked (the
 *     honoured wait is in the delivery's next retry time); {@code null} when it asked for none
 */
public record AttemptResult(
    String trigger,
    Instant startedAt,
    long durationMs,
    Integer responseCode,
    String responseBody,
    String error,
    boolean success,
    Duration retryAfter) {

  public AttemptResult(
      String trigger,
      Instant startedAt,
      long durationMs,
      Integer responseCode,
      String responseBody,
      String error,
      boolean success) {
    this(trigger, startedAt, durationMs, responseCode, responseBody, error, success, null);
  }
}
