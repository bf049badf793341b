package com.devcard.webhooks.store.delivery;

import java.time.Instant;

/**
 * What happened during one attempt, to be recorded; {@code responseCode} is null without response.
 */
public record AttemptResult(
    String trigger,
    Instant startedAt,
    long durationMs,
    Integer responseCode,
    String responseBody,
    String error,
    boolean success) {}
