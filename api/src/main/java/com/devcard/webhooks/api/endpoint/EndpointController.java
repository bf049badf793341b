package com.devcard.webhooks.api.endpoint;

import com.devcard.webhooks.api.delivery.DeliveryWorkflows;
import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.error.ProblemTypes;
import com.devcard.webhooks.store.endpoint.CreatedEndpoint;
import com.devcard.webhooks.store.endpoint.Endpoint;
import com.devcard.webhooks.store.endpoint.EndpointLimitReachedException;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import com.devcard.webhooks.store.endpoint.EndpointUpdate;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** A user's webhook endpoints: register, list, read, change and delete the caller's own. */
@RestController
@RequestMapping("/api/webhooks")
class EndpointController {

  private final EndpointRepository endpoints;
  private final EndpointValidator validator;
  private final EndpointProperties properties;
  private final DeliveryWorkflows canceller;

  EndpointController(
      EndpointRepository endpoints,
      EndpointValidator validator,
      EndpointProperties properties,
      DeliveryWorkflows canceller) {
    this.endpoints = endpoints;
    this.validator = validator;
    this.properties = properties;
    this.canceller = canceller;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<CreatedEndpointView> create(
      @AuthenticationPrincipal Jwt jwt, @RequestBody CreateEndpointRequest request) {
    CreatedEndpoint created;
    try {
      created =
          endpoints.create(
              validator.validateCreate(jwt.getSubject(), request),
              properties.maxEndpointsPerUser());
    } catch (EndpointLimitReachedException exception) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          ProblemTypes.ENDPOINT_LIMIT_REACHED,
          "Endpoint limit reached",
          "A user can register at most " + properties.maxEndpointsPerUser() + " endpoints.");
    }
    return ResponseEntity.created(URI.create("/api/webhooks/" + created.endpoint().id()))
        .body(new CreatedEndpointView(EndpointView.of(created.endpoint()), created.secret()));
  }

  @GetMapping
  EndpointListView list(@AuthenticationPrincipal Jwt jwt) {
    List<EndpointView> items =
        endpoints.listByUser(jwt.getSubject()).stream().map(EndpointView::of).toList();
    return new EndpointListView(items);
  }

  @GetMapping("/{id}")
  EndpointView get(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
    return EndpointView.of(owned(jwt, id));
  }

  @PatchMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  EndpointView update(
      @AuthenticationPrincipal Jwt jwt, @PathVariable String id, @RequestBody JsonNode body) {
    owned(jwt, id);
    EndpointUpdate update =
        endpoints
            .update(jwt.getSubject(), id, validator.validateChanges(body))
            .orElseThrow(() -> ApiException.notFound("Endpoint"));
    canceller.cancel(update.cancelledDeliveryIds());
    return EndpointView.of(update.endpoint());
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
    List<String> cancelled =
        endpoints.delete(jwt.getSubject(), id).orElseThrow(() -> ApiException.notFound("Endpoint"));
    canceller.cancel(cancelled);
    return ResponseEntity.noContent().build();
  }

  private Endpoint owned(Jwt jwt, String id) {
    return endpoints
        .find(jwt.getSubject(), id)
        .orElseThrow(() -> ApiException.notFound("Endpoint"));
  }
}
