package com.devcard.webhooks.store.delivery;

/**
 * The backlog: deliveries still {@code pending}, and among them those waiting for a scheduled retry
 * (a failed attempt behind them, the next one due at {@code nextRetryAt}).
 */
public record PendingCounts(long pending, long waitingForRetry) {}
