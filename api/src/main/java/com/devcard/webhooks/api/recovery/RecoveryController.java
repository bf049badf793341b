package com.devcard.webhooks.api.recovery;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.error.ProblemTypes;
import com.devcard.webhooks.api.limit.ManualAction;
import com.devcard.webhooks.api.limit.ManualActionLimiter;
import com.devcard.webhooks.store.endpoint.Endpoint;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import com.devcard.webhooks.store.recovery.Recovery;
import com.devcard.webhooks.store.recovery.RecoveryRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
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
class RecoveryController {

  private static final String PROBLEM = "application/problem+json";

  private final EndpointRepository endpoints;
  private final RecoveryRepository recoveries;
  private final Recoveries recovering;
  private final ManualActionLimiter limiter;

  RecoveryController(
      EndpointRepository endpoints,
      RecoveryRepository recoveries,
      Recoveries recovering,
      ManualActionLimiter limiter) {
    this.endpoints = endpoints;
    this.recoveries = recoveries;
    this.recovering = recovering;
    this.limiter = limiter;
  }

  @Operation(
      summary = "Recover an endpoint's failed deliveries",
      description =
          "Retries once, paced, every failed delivery of this endpoint created at or after"
              + " since, except those that have had the most manual attempts allowed. At most one"
              + " recovery of an endpoint runs at a time. Limited per endpoint to a configured"
              + " number of requests within any minute (10 by default).")
  @ApiResponse(responseCode = "202", description = "The recovery, running.")
  @ApiResponse(
      responseCode = "400",
      description = "since missing or not an ISO-8601 time, or an unknown field.",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "404",
      description = "No such endpoint of this user.",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "409",
      description =
          "The endpoint is inactive, or (type .../recovery-already-running) a recovery of it is"
              + " running: its id is in detail and in the member recoveryId.",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "429",
      description =
          "Too many recover requests for this endpoint within the last minute (type"
              + " .../rate-limited); nothing was started.",
      headers =
          @Header(name = "Retry-After", description = "Seconds until the next one is accepted."),
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  @PostMapping(
      path = "/api/webhooks/{endpointId}/recover",
      consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<RecoveryView> recover(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String endpointId,
      @RequestBody JsonNode body) {
    Instant since = RecoveryRequests.ownerSince(body);
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
        recovering.start(userId, userId, new RecoveryRequests.Filter(userId, endpointId, since));
    return ResponseEntity.accepted()
        .location(URI.create("/api/recoveries/" + recovery.id()))
        .body(RecoveryView.of(recovery));
  }

  @GetMapping("/api/recoveries/{recoveryId}")
  RecoveryView get(@AuthenticationPrincipal Jwt jwt, @PathVariable String recoveryId) {
    return RecoveryView.of(owned(jwt, recoveryId));
  }

  /** Cancels a running recovery; an ended one is answered as it is. */
  @DeleteMapping("/api/recoveries/{recoveryId}")
  RecoveryView cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable String recoveryId) {
    return RecoveryView.of(recovering.cancel(owned(jwt, recoveryId)));
  }

  private Recovery owned(Jwt jwt, String recoveryId) {
    return recoveries
        .findOwned(jwt.getSubject(), recoveryId)
        .orElseThrow(() -> ApiException.notFound("Recovery"));
  }
}
