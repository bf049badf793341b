package com.devcard.webhooks.store.retention;

/**
 * What one batch of old events came to.
 *
 * @param scanned events older than the cut-off looked at
 * @param deleted of those, the ones no delivery refers to, deleted
 * @param last the last event looked at; {@code null} when there was none
 */
public record UnreferencedEvents(int scanned, int deleted, RetentionPosition last) {}
