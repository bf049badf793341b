package com.devcard.webhooks.api.delivery;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.store.Page;
import com.devcard.webhooks.store.delivery.AttemptPage;
import com.devcard.webhooks.store.delivery.Delivery;
import com.devcard.webhooks.store.delivery.DeliveryRepository;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.ProblemDetail;
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

  private static final Set<String> STATUSES = Set.of("pending", "success", "failed", "cancelled");
  private static final String PROBLEM = "application/problem+json";

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
    checkLimit(limit);
    if (status != null && !STATUSES.contains(status)) {
      throw ApiException.validation("status", "must be one of pending, success, failed, cancelled");
    }
    endpoints
        .find(jwt.getSubject(), endpointId)
        .orElseThrow(() -> ApiException.notFound("Endpoint"));
    Page<Delivery> page =
        deliveries.list(
            jwt.getSubject(),
            endpointId,
            Optional.ofNullable(status),
            DeliveryCursor.decode(cursor),
            limit);
    return new DeliveryPageView(
        page.items().stream().map(DeliveryView::of).toList(),
        page.next().map(DeliveryCursor::encode).orElse(null));
  }

  @Operation(
      summary = "Read one delivery",
      description =
          "The delivery with the exact payload sent and the latest "
              + DeliveryDetailView.LATEST_ATTEMPTS
              + " attempts of its log (attemptLog, oldest of them first). attemptLogTotal counts"
              + " the whole log; when attemptLogTruncated is true, GET .../attempts with"
              + " cursor=attemptLogNextCursor pages through the older ones.")
  @ApiResponse(responseCode = "200", description = "The delivery.")
  @ApiResponse(
      responseCode = "404",
      description = "No such delivery of this user's endpoint.",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  @GetMapping("/{deliveryId}")
  DeliveryDetailView get(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String endpointId,
      @PathVariable String deliveryId) {
    return deliveries
        .findDetail(jwt.getSubject(), endpointId, deliveryId, DeliveryDetailView.LATEST_ATTEMPTS)
        .map(DeliveryDetailView::of)
        .orElseThrow(() -> ApiException.notFound("Delivery"));
  }

  @Operation(
      summary = "Page through a delivery's attempts",
      description =
          "The delivery's attempt log, newest first, keyed on the attempt number: paging is stable"
              + " while new attempts are recorded. nextCursor is null on the last page.")
  @ApiResponse(responseCode = "200", description = "A page of attempts.")
  @ApiResponse(
      responseCode = "400",
      description = "limit out of 1 to 100, or a cursor this API did not return.",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "404",
      description = "No such delivery of this user's endpoint.",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  @GetMapping("/{deliveryId}/attempts")
  AttemptPageView attempts(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String endpointId,
      @PathVariable String deliveryId,
      @Parameter(description = "Attempts per page, 1 to 100.") @RequestParam(defaultValue = "20")
          int limit,
      @Parameter(description = "nextCursor of the previous page, or attemptLogNextCursor.")
          @RequestParam(required = false)
          String cursor) {
    checkLimit(limit);
    Optional<Integer> before = AttemptCursor.decode(cursor);
    AttemptPage page =
        deliveries
            .attemptPage(jwt.getSubject(), endpointId, deliveryId, before, limit)
            .orElseThrow(() -> ApiException.notFound("Delivery"));
    return new AttemptPageView(
        page.items().stream().map(AttemptView::of).toList(),
        page.nextBefore().map(AttemptCursor::encode).orElse(null));
  }

  /** One attempt now; see {@link DeliveryRetries}. */
  @Operation(
      summary = "Retry a delivery",
      description =
          "One attempt now, marked manual in the log. A delivery waiting between attempts skips"
              + " the rest of its wait; a finished one (success, failed, or cancelled by an"
              + " operator) gets one new manual attempt. Limited per endpoint to a configured"
              + " number of retries within any minute (10 by default), and per delivery to a"
              + " configured number of manual attempts (20 by default).")
  @ApiResponse(responseCode = "202", description = "The attempt is under way.")
  @ApiResponse(
      responseCode = "404",
      description = "No such delivery of this user's endpoint.",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "409",
      description =
          "The endpoint is inactive, the delivery was cancelled with its endpoint, or (type"
              + " .../manual-attempt-limit-reached) it has had the most manual attempts allowed.",
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  @ApiResponse(
      responseCode = "429",
      description =
          "Too many retries for this endpoint within the last minute (type .../rate-limited);"
              + " nothing was sent.",
      headers =
          @Header(name = "Retry-After", description = "Seconds until the next one is accepted."),
      content =
          @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
  @PostMapping("/{deliveryId}/retry")
  ResponseEntity<DeliveryView> retry(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String endpointId,
      @PathVariable String deliveryId) {
    return ResponseEntity.accepted()
        .body(DeliveryView.of(retries.retry(jwt.getSubject(), endpointId, deliveryId)));
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > 100) {
      throw ApiException.validation("limit", "must be between 1 and 100");
    }
  }
}
