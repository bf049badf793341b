package com.devcard.webhooks.workflows;

/** Ends a recovery in the store with {@code state} unless it has already ended. */
public record RecoveryFinish(String recoveryId, RecoveryState state) {}
