package com.devcard.webhooks.api.endpoint;

import com.devcard.webhooks.store.endpoint.Endpoint;
import com.devcard.webhooks.store.health.EndpointHealth;
import com.devcard.webhooks.store.health.EndpointHealthRepository;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Endpoints as the API shows them, each with its health read in one query. */
@Component
class EndpointViews {

  private final EndpointHealthRepository health;
  private final Clock clock = Clock.systemUTC();

  EndpointViews(EndpointHealthRepository health) {
    this.health = health;
  }

  EndpointView of(Endpoint endpoint) {
    return of(List.of(endpoint)).getFirst();
  }

  List<EndpointView> of(List<Endpoint> endpoints) {
    Map<String, EndpointHealth> byId =
        health.of(endpoints.stream().map(Endpoint::id).toList(), clock.instant());
    return endpoints.stream()
        .map(
            endpoint ->
                EndpointView.of(endpoint, byId.getOrDefault(endpoint.id(), EndpointHealth.NONE)))
        .toList();
  }
}
