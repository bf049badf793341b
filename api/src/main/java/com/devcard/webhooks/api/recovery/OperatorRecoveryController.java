package com.devcard.webhooks.api.recovery;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import com.devcard.webhooks.store.recovery.Recovery;
import com.devcard.webhooks.store.recovery.RecoveryRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Scope {@code webhooks:admin} (see SecurityConfiguration): bulk recoveries across users, filtered
 * by {@code userId}, {@code endpointId} and {@code since}, or every failed delivery with {@code
 * "all": true}. Every recovery, whoever started it, can be read and cancelled here.
 */
@RestController
@RequestMapping("/api/admin")
class OperatorRecoveryController {

  private static final String PROBLEM = "application/problem+json";

  private final EndpointRepository endpoints;
  private final RecoveryRepository recoveries;
  private final Recoveries recovering;

  OperatorRecoveryController(
      EndpointRepository endpoints, RecoveryRepository recoveries, Recoveries recovering) {
    this.endpoints = endpoints;
    this.recoveries = recoveries;
    this.recovering = recovering;
  }

  @Operation(
      summary = "Recover failed deliveries across users",
      description =
          "Retries once, paced, every failed delivery matching userId, endpointId and since (at"
              + " least one of them), or every one with {\"all\": true}. With endpointId, at most"
              + " one recovery of that endpoint runs at a time, whoever started it.")
  @ApiResponse(responseCode = "202", description = "The recovery, running.")
  @ApiResponse(
      responseCode = "400",
      description = "No filter, a bad field, or all combined with a filter.",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "404",
      description = "No such endpoint.",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "409",
      description =
          "A recovery of endpointId is running (type .../recovery-already-running): its id is in"
              + " detail and in the member recoveryId.",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  @PostMapping(path = "/recover", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<RecoveryView> recover(
      @AuthenticationPrincipal Jwt jwt, @RequestBody JsonNode body) {
    RecoveryRequests.Filter filter = RecoveryRequests.operatorFilter(body);
    // A mistyped endpoint id is reported rather than recovering nothing without a word.
    if (filter.endpointId() != null && endpoints.findById(filter.endpointId()).isEmpty()) {
      throw ApiException.notFound("Endpoint");
    }
    Recovery recovery = recovering.start(null, jwt.getSubject(), filter);
    return ResponseEntity.accepted()
        .location(URI.create("/api/admin/recoveries/" + recovery.id()))
        .body(RecoveryView.of(recovery));
  }

  @GetMapping("/recoveries/{recoveryId}")
  RecoveryView get(@PathVariable String recoveryId) {
    return RecoveryView.of(find(recoveryId));
  }

  /** Cancels a running recovery; an ended one is answered as it is. */
  @DeleteMapping("/recoveries/{recoveryId}")
  RecoveryView cancel(@PathVariable String recoveryId) {
    return RecoveryView.of(recovering.cancel(find(recoveryId)));
  }

  private Recovery find(String recoveryId) {
    return recoveries.find(recoveryId).orElseThrow(() -> ApiException.notFound("Recovery"));
  }
}
