package com.devcard.webhooks.netguard;

/**
 * Why a webhook target URL is refused. The message is meant for the user who registered it: it may
 * name the host, never the whole URL, whose query may carry a secret.
 */
public record TargetViolation(String message) {}
