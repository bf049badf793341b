package com.devcard.webhooks.workflows;

import com.devcard.webhooks.delivery.RecoveryState;

/** Ends a recovery in the store with {@code state} unless it has already ended. */
public record RecoveryFinish(String recoveryId, RecoveryState state) {}
