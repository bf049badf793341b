package com.devcard.webhooks.api.recovery;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.error.ProblemTypes;
import com.devcard.webhooks.store.endpoint.Endpoint;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import com.devcard.webhooks.store.recovery.Recovery;
import com.devcard.webhooks.store.recovery.RecoveryRepository;
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
class RecoveryController {

  private final EndpointRepository endpoints;
  private final RecoveryRepository recoveries;
  private final Recoveries recovering;

  RecoveryController(
      EndpointRepository endpoints, RecoveryRepository recoveries, Recoveries recovering) {
    this.endpoints = endpoints;
    this.recoveries = recoveries;
    this.recovering = recovering;
  }

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
