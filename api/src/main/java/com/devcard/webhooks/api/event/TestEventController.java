package com.devcard.webhooks.api.event;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.error.ProblemTypes;
import com.devcard.webhooks.api.limit.ManualAction;
import com.devcard.webhooks.api.limit.ManualActionLimiter;
import com.devcard.webhooks.store.endpoint.Endpoint;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/webhooks/{id}/test}: a {@code webhook.test} event to that endpoint alone. */
@RestController
class TestEventController {

  private static final String PROBLEM = "application/problem+json";

  record TestDelivery(String deliveryId) {}

  private final EndpointRepository endpoints;
  private final Dispatcher dispatcher;
  private final ManualActionLimiter limiter;

  TestEventController(
      EndpointRepository endpoints, Dispatcher dispatcher, ManualActionLimiter limiter) {
    this.endpoints = endpoints;
    this.dispatcher = dispatcher;
    this.limiter = limiter;
  }

  @Operation(
      summary = "Send a test event",
      description =
          "Sends a webhook.test event to this endpoint alone, whatever it subscribes to, delivered"
              + " like any other. Limited per endpoint to a configured number of test events within"
              + " any minute (10 by default).")
  @ApiResponse(responseCode = "202", description = "The delivery is created and on its way.")
  @ApiResponse(
      responseCode = "404",
      description = "No such endpoint of this user.",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "409",
      description = "The endpoint is inactive.",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "429",
      description =
          "Too many test events for this endpoint within the last minute (type .../rate-limited);"
              + " nothing was sent.",
      headers =
          @Header(name = "Retry-After", description = "Seconds until the next one is accepted."),
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  @PostMapping("/api/webhooks/{endpointId}/test")
  @ResponseStatus(HttpStatus.ACCEPTED)
  TestDelivery send(@AuthenticationPrincipal Jwt jwt, @PathVariable String endpointId) {
    Endpoint endpoint =
        endpoints
            .find(jwt.getSubject(), endpointId)
            .orElseThrow(() -> ApiException.notFound("Endpoint"));
    limiter.admit(endpointId, ManualAction.TEST);
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
