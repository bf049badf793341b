package com.devcard.webhooks.api.recovery;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.openapi.ApiTags;
import com.devcard.webhooks.api.openapi.ProblemResponses;
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
import org.springframework.http.MediaType;
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
@Tag(name = ApiTags.OPERATORS)
class OperatorRecoveryController {

  private final EndpointRepository endpoints;
  private final RecoveryRepository recoveries;
  private final RecoveryCommands recovering;

  OperatorRecoveryController(
      EndpointRepository endpoints, RecoveryRepository recoveries, RecoveryCommands recovering) {
    this.endpoints = endpoints;
    this.recoveries = recoveries;
    this.recovering = recovering;
  }

  @Operation(
      operationId = "recoverDeliveries",
      summary = "Recover failed deliveries across users",
      description =
          """
          Retries, once each, every delivery that is `failed` right now, of an active endpoint, \
          matching every filter given, oldest first and paced like a user's recovery. An empty \
          body is a 400, never "everything": `{"all": true}` alone covers every failed delivery \
          of every user. With `endpointId`, at most one recovery of that endpoint runs at a \
          time, whoever started it.""",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = true,
              content = @Content(schema = @Schema(implementation = OperatorRecoverRequest.class))))
  @ApiResponse(
      responseCode = "202",
      description = "Started; `Location` is the recovery's URL.",
      content = @Content(schema = @Schema(implementation = RecoveryView.class)))
  @ApiResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
  @ApiResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
  @ApiResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
  @ApiResponse(
      responseCode = "409",
      description =
          "A recovery of endpointId is running (type .../recovery-already-running): its id is in"
              + " detail and in the member recoveryId.",
      content =
          @Content(
              mediaType = ProblemResponses.MEDIA_TYPE,
              schema = @Schema(ref = ProblemResponses.SCHEMA)))
  @ApiResponse(responseCode = "413", ref = ProblemResponses.PAYLOAD_TOO_LARGE)
  @ApiResponse(responseCode = "415", ref = ProblemResponses.UNSUPPORTED_MEDIA_TYPE)
  @PostMapping(path = "/recover", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<RecoveryView> recover(
      @AuthenticationPrincipal Jwt jwt, @RequestBody JsonNode body) {
    RecoveryRequestParser.Filter filter = RecoveryRequestParser.operatorFilter(body);
    // A mistyped endpoint id is reported rather than recovering nothing without a word.
    if (filter.endpointId() != null && endpoints.findById(filter.endpointId()).isEmpty()) {
      throw ApiException.notFound("Endpoint");
    }
    Recovery recovery = recovering.start(null, jwt.getSubject(), filter);
    return ResponseEntity.accepted()
        .location(URI.create("/api/admin/recoveries/" + recovery.id()))
        .body(RecoveryView.of(recovery));
  }

  @Operation(
      operationId = "getAnyRecovery",
      summary = "Follow any recovery",
      description = "Any recovery, whoever started it, with its progress.")
  @ApiResponse(responseCode = "200", description = "The recovery.")
  @ApiResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
  @ApiResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
  @GetMapping("/recoveries/{recoveryId}")
  RecoveryView get(
      @Parameter(
              description = RecoveryController.RECOVERY_ID,
              example = RecoveryController.EXAMPLE_RECOVERY_ID)
          @PathVariable
          String recoveryId) {
    return RecoveryView.of(find(recoveryId));
  }

  /** Cancels a running recovery; an ended one is answered as it is. */
  @Operation(
      operationId = "cancelAnyRecovery",
      summary = "Stop any recovery",
      description =
          """
          Marks any running recovery `cancelled`, whoever started it: no item that has not \
          started is attempted. A recovery that has already ended is answered as it is.""")
  @ApiResponse(responseCode = "200", description = "The recovery, cancelled or as it ended.")
  @ApiResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
  @ApiResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
  @DeleteMapping("/recoveries/{recoveryId}")
  RecoveryView cancel(
      @Parameter(
              description = RecoveryController.RECOVERY_ID,
              example = RecoveryController.EXAMPLE_RECOVERY_ID)
          @PathVariable
          String recoveryId) {
    return RecoveryView.of(recovering.cancel(find(recoveryId)));
  }

  private Recovery find(String recoveryId) {
    return recoveries.find(recoveryId).orElseThrow(() -> ApiException.notFound("Recovery"));
  }
}
