package com.devcard.webhooks.store.recovery;

import java.time.Instant;

/**
 * A bulk recovery and its progress. {@code state} is the lowercase wire value ({@code running},
 * {@code completed}, {@code cancelled}); {@code done} counts the items finished, {@code succeeded}
 * and {@code failed} those whose manual attempt got that result (a skipped item is in neither).
 */
public record Recovery(
    String id,
    String ownerUserId,
    String userId,
    String endpointId,
    Instant since,
    int ratePerSecond,
    String state,
    int total,
    int done,
    int succeeded,
    int failed,
    Instant createdAt,
    Instant updatedAt) {}
