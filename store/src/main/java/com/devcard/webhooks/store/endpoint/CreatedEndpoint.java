package com.devcard.webhooks.store.endpoint;

/** A new endpoint with its signing secret in plaintext: shown to the user this once only. */
public record CreatedEndpoint(Endpoint endpoint, String secret) {

  @Override
  public String toString() {
    return "CreatedEndpoint[endpoint=" + endpoint + ", secret=<hidden>]";
  }
}
