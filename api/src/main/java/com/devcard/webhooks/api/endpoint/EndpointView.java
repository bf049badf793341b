package com.devcard.webhooks.api.endpoint;

import com.devcard.webhooks.api.web.ApiTimes;
import com.devcard.webhooks.store.endpoint.Endpoint;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** An endpoint as the API shows it: never with its secret. */
record EndpointView(
    String id,
    String url,
    List<String> events,
    String description,
    @JsonProperty("isActive") boolean isActive,
    String createdAt,
    String updatedAt) {

  static EndpointView of(Endpoint endpoint) {
    return new EndpointView(
        endpoint.id(),
        endpoint.url(),
        endpoint.events(),
        endpoint.description(),
        endpoint.active(),
        ApiTimes.format(endpoint.createdAt()),
        ApiTimes.format(endpoint.updatedAt()));
  }
}
