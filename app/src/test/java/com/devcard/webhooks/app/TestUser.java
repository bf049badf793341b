package com.devcard.webhooks.app;

/** A user of the running app and a token of theirs. */
public record TestUser(String id, String token) {}
