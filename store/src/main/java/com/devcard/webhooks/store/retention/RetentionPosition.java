package com.devcard.webhooks.store.retention;

import java.time.Instant;

/**
 * Where a retention pass got to: the last row it looked at, in the order it reads them (a
 * delivery's last change or an event's creation, then the id). The next batch starts after it.
 */
public record RetentionPosition(Instant at, String id) {}
