package com.devcard.webhooks.store;

import java.time.Instant;

/** Where a newest-first page ended: the last row's creation time and id. */
public record KeysetPosition(Instant createdAt, String id) {}
