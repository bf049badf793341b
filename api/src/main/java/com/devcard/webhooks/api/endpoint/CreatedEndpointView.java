package com.devcard.webhooks.api.endpoint;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The answer to a create: the endpoint and, this once, its signing secret. */
record CreatedEndpointView(@JsonUnwrapped EndpointView endpoint, String secret) {

  // Frameworks log response values at debug level: never with the secret in them.
  @Override
  public String toString() {
    return "CreatedEndpointView[endpoint=" + endpoint + ", secret=<hidden>]";
  }
}
