package com.devcard.webhooks.workflows;

/**
 * One item of a recovery to recover: the recovery's snapshot numbers its deliveries from 1, so the
 * id and the position name the item without putting delivery ids in the workflow input.
 */
public record RecoveryItemRequest(String recoveryId, int position) {}
