package com.devcard.webhooks.workflows;

import java.time.Duration;

/**
 * One attempt to make.
 *
 * @param delayIfItFails the wait before the next attempt should this one fail, so the activity can
 *     record {@code nextRetryAt}; {@code null} when no scheduled attempt follows (the delivery then
 *     ends {@code failed} on failure)
 */
public record AttemptRequest(String deliveryId, AttemptTrigger trigger, Duration delayIfItFails) {}
