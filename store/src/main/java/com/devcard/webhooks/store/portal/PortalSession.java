package com.devcard.webhooks.store.portal;

import java.time.Instant;

/**
 * A session of the users' web page: whose it is, whether it may only read, until when its magic
 * link's code can be exchanged, and when the session itself ends.
 */
public record PortalSession(
    String id, String userId, boolean readOnly, Instant codeExpiresAt, Instant expiresAt) {}
