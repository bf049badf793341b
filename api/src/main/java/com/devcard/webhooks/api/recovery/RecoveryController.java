package com.devcard.webhooks.api.recovery;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.error.ProblemTypes;
import com.devcard.webhooks.api.limit.ManualAction;
import com.devcard.webhooks.api.limit.ManualActionLimiter;
import com.devcard.webhooks.api.openapi.ApiTags;
import com.devcard.webhooks.api.openapi.ProblemResponses;
import com.devcard.webhooks.store.endpoint.Endpoint;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import com.devcard.webhooks.store.recovery.Recovery;
import com.devcard.webhooks.store.recovery.RecoveryRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * A user's bulk recoveries of their own endpoint: retry every {@code failed} delivery created at or
 * after {@code since}. Another user's recovery, like one an operator started, is answered 404.
 */
@RestController
@Tag(name = ApiTags.RECOVERIES)
class RecoveryController {

  static final String RECOVERY_ID = "The recovery's id.";
  static final String EXAMPLE_RECOVERY_ID = "rcv_01JQ8Z9A1B2C3D4E5F6G7H8J9K";

  private final EndpointRepository endpoints;
  private final RecoveryRepository recoveries;
  private final RecoveryCommands recovering;
  private final ManualActionLimiter limiter;

  RecoveryController(
      EndpointRepository endpoints,
      RecoveryRepository recoveries,
      RecoveryCommands recovering,
      ManualActionLimiter limiter) {
    this.endpoints = endpoints;
    this.recoveries = recoveries;
    this.recovering = recovering;
    this.limiter = limiter;
  }

  @Operation(
      operationId = "recoverEndpoint",
      summary = "Recover an endpoint's failed deliveries",
      description =
          """
          Retries, once each, every delivery of the endpoint that is `failed` right now and was \
          created at or after `since`, oldest first, paced to a few per second (10 by default). \
          The set is fixed at creation, so `total` is final in the answer. Each attempt is a \
          `manual` entry in the delivery's log, with no schedule after it; a delivery that is \
          no longer failed when its turn comes is skipped; a delivery that has had the most \
          manual attempts allowed is left out. The endpoint must be active, and at most one \
          recovery of it runs at a time. Limited per endpoint to \
          `WEBHOOKS_MANUAL_ACTIONS_PER_MINUTE` requests within any minute (10 by default).""",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content = @Content(schema = @Schema(implementation = RecoverEndpointRequest.class))))
  @ApiResponse(
      responseCode = "202",
      description = "Started; `Location` is the recovery's URL.",
      content = @Content(schema = @Schema(implementation = RecoveryView.class)))
  @ApiResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
  @ApiResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
  @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
  @ApiResponse(
      responseCode = "409",
      description =
          "The endpoint is inactive, or (type .../recovery-already-running) a recovery of it is"
              + " running: its id is in detail and in the member recoveryId.",
      content =
          @Content(
              mediaType = ProblemResponses.MEDIA_TYPE,
              schema = @Schema(ref = ProblemResponses.SCHEMA)))
  @ApiResponse(responseCode = "413", ref = ProblemResponses.PAYLOAD_TOO_LARGE)
  @ApiResponse(responseCode = "415", ref = ProblemResponses.UNSUPPORTED_MEDIA_TYPE)
  @ApiResponse(responseCode = "429", ref = ProblemResponses.RATE_LIMITED)
  @PostMapping(
      path = "/api/webhooks/{endpointId}/recover",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<RecoveryView> recover(
      @AuthenticationPrincipal Jwt jwt,
      @Parameter(description = "The endpoint's id.", example = "ep_01JQ8Z6W3RX4B5C6D7E8F9G0HJ")
          @PathVariable
          String endpointId,
      @RequestBody JsonNode body) {
    Instant since = RecoveryRequestParser.ownerSince(body);
    String userId = jwt.getSubject();
    Endpoint endpoint =
        endpoints.find(userId, endpointId).orElseThrow(() -> ApiException.notFound("Endpoint"));
    limiter.admit(endpointId, ManualAction.RECOVER);
    if (!endpoint.active()) {
      throw new ApiException(
          HttpStatus.CONFLICT,
          ProblemTypes.CONFLICT,
          "Endpoint inactive",
          "The endpoint is inactive: set isActive to true before recovering its deliveries.");
    }
    Recovery recovery =
        recovering.start(
            userId, userId, new RecoveryRequestParser.Filter(userId, endpointId, since));
    return ResponseEntity.accepted()
        .location(URI.create("/api/recoveries/" + recovery.id()))
        .body(RecoveryView.of(recovery));
  }

  @Operation(
      operationId = "getRecovery",
      summary = "Follow a recovery",
      description = "A recovery the user started, with its progress.")
  @ApiResponse(responseCode = "200", description = "The recovery.")
  @ApiResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
  @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
  @GetMapping("/api/recoveries/{recoveryId}")
  RecoveryView get(
      @AuthenticationPrincipal Jwt jwt,
      @Parameter(description = RECOVERY_ID, example = EXAMPLE_RECOVERY_ID) @PathVariable
          String recoveryId) {
    return RecoveryView.of(owned(jwt, recoveryId));
  }

  /** Cancels a running recovery; an ended one is answered as it is. */
  @Operation(
      operationId = "cancelRecovery",
      summary = "Stop a recovery",
      description =
          """
          Marks a running recovery `cancelled`: no item that has not started is attempted. \
          Attempts already under way finish and are counted, so `done` may still rise a little. \
          A recovery that has already ended is answered as it is.""")
  @ApiResponse(responseCode = "200", description = "The recovery, cancelled or as it ended.")
  @ApiResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
  @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
  @DeleteMapping("/api/recoveries/{recoveryId}")
  RecoveryView cancel(
      @AuthenticationPrincipal Jwt jwt,
      @Parameter(description = RECOVERY_ID, example = EXAMPLE_RECOVERY_ID) @PathVariable
          String recoveryId) {
    return RecoveryView.of(recovering.cancel(owned(jwt, recoveryId)));
  }

  private Recovery owned(Jwt jwt, String recoveryId) {
    return recoveries
        .findOwned(jwt.getSubject(), recoveryId)
        .orElseThrow(() -> ApiException.notFound("Recovery"));
  }
}
