package com.devcard.webhooks.api.limit;

/** The requests of a user that make the service send, limited per endpoint and minute. */
public enum ManualAction {
  TEST("test", "test events"),
  RETRY("retry", "retries"),
  RECOVER("recover", "recoveries");

  private final String stored;
  private final String plural;

  ManualAction(String stored, String plural) {
    this.stored = stored;
    this.plural = plural;
  }

  String stored() {
    return stored;
  }

  String plural() {
    return plural;
  }
}
