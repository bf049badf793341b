package com.devcard.webhooks.api.portal;

import java.time.Instant;

/**
 * A magic link to the users' web page.
 *
 * @param url the page with the single-use code in its fragment
 * @param codeExpiresAt the link must be opened before this time
 * @param expiresAt the session it opens ends at this time
 */
public record PortalLink(
    String url, String userId, boolean readOnly, Instant codeExpiresAt, Instant expiresAt) {}
