package com.devcard.webhooks.api.secret;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
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
class SecretRotationController {

  private final EndpointRepository endpoints;

  SecretRotationController(EndpointRepository endpoints) {
    this.endpoints = endpoints;
  }

  // The body is optional: with none, or no Content-Type and no body, the default grace applies.
  @PostMapping("/api/webhooks/{endpointId}/rotate-secret")
  RotatedSecretView rotate(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String endpointId,
      @RequestBody(required = false) JsonNode body) {
    return endpoints
        .rotateSecret(jwt.getSubject(), endpointId, RotateSecretRequest.graceOf(body))
        .map(RotatedSecretView::of)
        .orElseThrow(() -> ApiException.notFound("Endpoint"));
  }
}
