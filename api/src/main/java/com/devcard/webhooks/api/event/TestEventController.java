package com.devcard.webhooks.api.event;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.error.ProblemTypes;
import com.devcard.webhooks.store.endpoint.Endpoint;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/webhooks/{id}/test}: a {@code webhook.test} event to that endpoint alone. */
@RestController
class TestEventController {

  record TestDelivery(String deliveryId) {}

  private final EndpointRepository endpoints;
  private final Dispatcher dispatcher;

  TestEventController(EndpointRepository endpoints, Dispatcher dispatcher) {
    this.endpoints = endpoints;
    this.dispatcher = dispatcher;
  }

  @PostMapping("/api/webhooks/{endpointId}/test")
  @ResponseStatus(HttpStatus.ACCEPTED)
  TestDelivery send(@AuthenticationPrincipal Jwt jwt, @PathVariable String endpointId) {
    Endpoint endpoint =
        endpoints
            .find(jwt.getSubject(), endpointId)
            .orElseThrow(() -> ApiException.notFound("Endpoint"));
    if (!endpoint.active()) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          ProblemTypes.CONFLICT,
          "Endpoint inactive",
          "The endpoint is inactive: set isActive to true to send it a test event.");
    }
    DispatchedEvent event = dispatcher.dispatchTest(jwt.getSubject(), endpointId);
    if (event.deliveries().isEmpty()) {
      throw ApiException.notFound("Endpoint");
    }
    return new TestDelivery(event.deliveries().get(0).id());
  }
}
