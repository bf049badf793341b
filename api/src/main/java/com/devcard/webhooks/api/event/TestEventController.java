package com.devcard.webhooks.api.event;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.error.ProblemTypes;
import com.devcard.webhooks.api.limit.ManualAction;
import com.devcard.webhooks.api.limit.ManualActionLimiter;
import com.devcard.webhooks.api.openapi.ApiTags;
import com.devcard.webhooks.api.openapi.ProblemResponses;
import com.devcard.webhooks.store.endpoint.Endpoint;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/webhooks/{id}/test}: a {@code webhook.test} event to that endpoint alone. */
@RestController
@Tag(name = ApiTags.ENDPOINTS)
class TestEventController {

  @Schema(description = "The test event's delivery.")
  record TestDelivery(
      @Schema(
              description = "The delivery of the test event; follow it in the delivery log.",
              example = "dlv_01JQ8Z7K2M3N4P5Q6R7S8T9V0W")
          String deliveryId) {}

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
      operationId = "sendTestEvent",
      summary = "Send a test event",
      description =
          """
          Sends a `webhook.test` event to this endpoint alone, whatever types it subscribes to, \
          signed and retried like any delivery. Its data holds a message and the endpoint's id. \
          Limited per endpoint to `WEBHOOKS_MANUAL_ACTIONS_PER_MINUTE` test events within any \
          minute (10 by default).""")
  @ApiResponse(responseCode = "202", description = "Accepted: the test delivery is under way.")
  @ApiResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
  @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
  @ApiResponse(
      responseCode = "409",
      description = "The endpoint is inactive.",
      content =
          @Content(
              mediaType = ProblemResponses.MEDIA_TYPE,
              schema = @Schema(ref = ProblemResponses.SCHEMA)))
  @ApiResponse(responseCode = "429", ref = ProblemResponses.RATE_LIMITED)
  @PostMapping("/api/webhooks/{endpointId}/test")
  @ResponseStatus(HttpStatus.ACCEPTED)
  TestDelivery send(
      @AuthenticationPrincipal Jwt jwt,
      @Parameter(description = "The endpoint's id.", example = "ep_01JQ8Z6W3RX4B5C6D7E8F9G0HJ")
          @PathVariable
          String endpointId) {
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
