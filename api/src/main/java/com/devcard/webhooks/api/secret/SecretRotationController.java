package com.devcard.webhooks.api.secret;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.openapi.ApiTags;
import com.devcard.webhooks.api.openapi.ProblemResponses;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/webhooks/{id}/rotate-secret}: a new signing secret, the old one still signing
 * every attempt beside it until its grace period ends, so a receiver can switch without rejecting a
 * webhook.
 */
@RestController
@Tag(name = ApiTags.ENDPOINTS)
class SecretRotationController {

  private final EndpointRepository endpoints;

  SecretRotationController(EndpointRepository endpoints) {
    this.endpoints = endpoints;
  }

  // The body is optional: with none, or no Content-Type and no body, the default grace applies.
  @Operation(
      operationId = "rotateSecret",
      summary = "Rotate an endpoint's secret",
      description =
          """
          Gives the endpoint a new signing secret, shown this once. Until \
          `previousSecretExpiresAt` the old secret keeps signing beside the new one, on every \
          attempt, so receivers can switch without losing a delivery: `X-DevCard-Signature` \
          with the new, `X-DevCard-Signature-Previous` with the old, and both in \
          `webhook-signature`, new first. The body is optional: the grace period is 24 hours \
          unless `graceSeconds` says otherwise; 0 stops the old secret at once (for a leaked \
          secret). Rotating again during a grace period replaces the older secret: at most two \
          sign at any time.""",
      requestBody =
          @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content = @Content(schema = @Schema(implementation = RotateSecretBody.class))))
  @ApiResponse(responseCode = "200", description = "The new secret and when the old one stops.")
  @ApiResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
  @ApiResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
  @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
  @ApiResponse(responseCode = "413", ref = ProblemResponses.PAYLOAD_TOO_LARGE)
  @ApiResponse(responseCode = "415", ref = ProblemResponses.UNSUPPORTED_MEDIA_TYPE)
  @PostMapping("/api/webhooks/{endpointId}/rotate-secret")
  RotatedSecretView rotate(
      @AuthenticationPrincipal Jwt jwt,
      @Parameter(description = "The endpoint's id.", example = "ep_01JQ8Z6W3RX4B5C6D7E8F9G0HJ")
          @PathVariable
          String endpointId,
      @RequestBody(required = false) JsonNode body) {
    return endpoints
        .rotateSecret(jwt.getSubject(), endpointId, RotateSecretRequest.graceOf(body))
        .map(RotatedSecretView::of)
        .orElseThrow(() -> ApiException.notFound("Endpoint"));
  }
}
