package com.devcard.webhooks.store.delivery;

import java.time.Instant;

/** One recorded attempt; {@code trigger} is {@code scheduled} or {@code manual}. */
public record Attempt(
    int attempt,
    String trigger,
    Instant startedAt,
    long durationMs,
    Integer responseCode,
    String responseBody,
    String error) {}
