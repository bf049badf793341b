package com.devcard.webhooks.api.delivery;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.store.Page;
import com.devcard.webhooks.store.delivery.Delivery;
import com.devcard.webhooks.store.delivery.DeliveryRepository;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The delivery log of one endpoint, newest first, and "retry" on one delivery. */
@RestController
@RequestMapping("/api/webhooks/{endpointId}/deliveries")
class DeliveryController {

  private static final String STATUS_VALUES =
      Arrays.stream(DeliveryStatus.values())
          .map(DeliveryStatus::wireValue)
          .collect(Collectors.joining(", "));

  private final DeliveryRepository deliveries;
  private final EndpointRepository endpoints;
  private final DeliveryRetries retries;

  DeliveryController(
      DeliveryRepository deliveries, EndpointRepository endpoints, DeliveryRetries retries) {
    this.deliveries = deliveries;
    this.endpoints = endpoints;
    this.retries = retries;
  }

  @GetMapping
  DeliveryPageView list(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String endpointId,
      @RequestParam(defaultValue = "20") int limit,
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) String status) {
    if (limit < 1 || limit > 100) {
      throw ApiException.validation("limit", "must be between 1 and 100");
    }
    Optional<DeliveryStatus> statusFilter =
        Optional.ofNullable(status).map(DeliveryController::status);
    endpoints
        .find(jwt.getSubject(), endpointId)
        .orElseThrow(() -> ApiException.notFound("Endpoint"));
    Page<Delivery> page =
        deliveries.list(
            jwt.getSubject(), endpointId, statusFilter, DeliveryCursor.decode(cursor), limit);
    return new DeliveryPageView(
        page.items().stream().map(DeliveryView::of).toList(),
        page.next().map(DeliveryCursor::encode).orElse(null));
  }

  @GetMapping("/{deliveryId}")
  DeliveryDetailView get(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String endpointId,
      @PathVariable String deliveryId) {
    return deliveries
        .findDetail(jwt.getSubject(), endpointId, deliveryId)
        .map(DeliveryDetailView::of)
        .orElseThrow(() -> ApiException.notFound("Delivery"));
  }

  private static DeliveryStatus status(String wireValue) {
    return DeliveryStatus.parse(wireValue)
        .orElseThrow(() -> ApiException.validation("status", "must be one of " + STATUS_VALUES));
  }

  /** One attempt now; see {@link DeliveryRetries}. */
  @PostMapping("/{deliveryId}/retry")
  ResponseEntity<DeliveryView> retry(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String endpointId,
      @PathVariable String deliveryId) {
    return ResponseEntity.accepted()
        .body(DeliveryView.of(retries.retry(jwt.getSubject(), endpointId, deliveryId)));
  }
}
