package com.devcard.webhooks.api.delivery;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.openapi.ApiTags;
import com.devcard.webhooks.api.openapi.ProblemResponses;
import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.store.Page;
import com.devcard.webhooks.store.delivery.AttemptPage;
import com.devcard.webhooks.store.delivery.Delivery;
import com.devcard.webhooks.store.delivery.DeliveryLogRepository;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = ApiTags.DELIVERIES)
class DeliveryController {

  static final String ENDPOINT_ID = "The endpoint's id.";
  static final String EXAMPLE_ENDPOINT_ID = "ep_01JQ8Z6W3RX4B5C6D7E8F9G0HJ";
  static final String DELIVERY_ID = "The delivery's id.";
  static final String EXAMPLE_DELIVERY_ID = "dlv_01JQ8Z7K2M3N4P5Q6R7S8T9V0W";
  private static final String STATUS_VALUES =
      Arrays.stream(DeliveryStatus.values())
          .map(DeliveryStatus::wireValue)
          .collect(Collectors.joining(", "));

  private final DeliveryLogRepository deliveries;
  private final EndpointRepository endpoints;
  private final RetryNowService retries;

  DeliveryController(
      DeliveryLogRepository deliveries, EndpointRepository endpoints, RetryNowService retries) {
    this.deliveries = deliveries;
    this.endpoints = endpoints;
    this.retries = retries;
  }

  @Operation(
      operationId = "listDeliveries",
      summary = "List an endpoint's deliveries",
      description =
          """
          The endpoint's deliveries, newest first, a page at a time, without payloads and \
          attempt logs. Pass the answer's `nextCursor` as `cursor` for the next page; pages stay \
          stable while new deliveries arrive.""")
  @ApiResponse(responseCode = "200", description = "One page of deliveries.")
  @ApiResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
  @ApiResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
  @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
  @GetMapping
  DeliveryPageView list(
      @AuthenticationPrincipal Jwt jwt,
      @Parameter(description = ENDPOINT_ID, example = EXAMPLE_ENDPOINT_ID) @PathVariable
          String endpointId,
      @Parameter(description = "Deliveries per page, 1 to 100.", example = "20")
          @RequestParam(defaultValue = "20")
          int limit,
      @Parameter(description = "The `nextCursor` of the previous page; absent for the first page.")
          @RequestParam(required = false)
          String cursor,
      @Parameter(
              description = "Only deliveries with this status.",
              schema = @Schema(implementation = DeliveryStatus.class))
          @RequestParam(required = false)
          String status) {
    checkLimit(limit);
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

  @Operation(
      operationId = "getDelivery",
      summary = "Get a delivery",
      description =
          """
          One delivery with the exact payload it sends (the same bytes on every attempt) and the \
          latest 50 attempts of its log, oldest of them first: when, what triggered it, how long \
          it took, and the receiver's status and the start of its body, or why no response came. \
          `attemptLogTotal` counts the whole log; when `attemptLogTruncated` is true, \
          `GET .../attempts` with `cursor=attemptLogNextCursor` pages through the older ones.""")
  @ApiResponse(responseCode = "200", description = "The delivery with its payload and attempts.")
  @ApiResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
  @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
  @GetMapping("/{deliveryId}")
  DeliveryDetailView get(
      @AuthenticationPrincipal Jwt jwt,
      @Parameter(description = ENDPOINT_ID, example = EXAMPLE_ENDPOINT_ID) @PathVariable
          String endpointId,
      @Parameter(description = DELIVERY_ID, example = EXAMPLE_DELIVERY_ID) @PathVariable
          String deliveryId) {
    return deliveries
        .findDetail(jwt.getSubject(), endpointId, deliveryId, DeliveryDetailView.LATEST_ATTEMPTS)
        .map(DeliveryDetailView::of)
        .orElseThrow(() -> ApiException.notFound("Delivery"));
  }

  @Operation(
      operationId = "listDeliveryAttempts",
      summary = "Page through a delivery's attempts",
      description =
          """
          The delivery's whole attempt log, newest first, keyed on the attempt number: paging \
          is stable while new attempts are recorded. `nextCursor` is null on the last page.""")
  @ApiResponse(responseCode = "200", description = "A page of attempts.")
  @ApiResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
  @ApiResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
  @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
  @GetMapping("/{deliveryId}/attempts")
  AttemptPageView attempts(
      @AuthenticationPrincipal Jwt jwt,
      @Parameter(description = ENDPOINT_ID, example = EXAMPLE_ENDPOINT_ID) @PathVariable
          String endpointId,
      @Parameter(description = DELIVERY_ID, example = EXAMPLE_DELIVERY_ID) @PathVariable
          String deliveryId,
      @Parameter(description = "Attempts per page, 1 to 100.", example = "20")
          @RequestParam(defaultValue = "20")
          int limit,
      @Parameter(description = "`nextCursor` of the previous page, or `attemptLogNextCursor`.")
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

  private static DeliveryStatus status(String wireValue) {
    return DeliveryStatus.parse(wireValue)
        .orElseThrow(() -> ApiException.validation("status", "must be one of " + STATUS_VALUES));
  }

  /** One attempt now; see {@link RetryNowService}. */
  @Operation(
      operationId = "retryDelivery",
      summary = "Retry a delivery now",
      description =
          """
          Makes one attempt now, logged with trigger `manual`. A delivery waiting between \
          attempts is attempted at once and its schedule goes on from there. A finished one \
          (`success`, `failed`, or `cancelled` by an operator) turns `pending` and gets one \
          attempt, with no schedule after it; of retries that saw the delivery in the same \
          state, only one makes an attempt. The endpoint must be active. Limited per endpoint to \
          `WEBHOOKS_MANUAL_ACTIONS_PER_MINUTE` retries within any minute (10 by default), and \
          per delivery to `WEBHOOKS_MAX_MANUAL_ATTEMPTS` manual attempts (20 by default).""")
  @ApiResponse(
      responseCode = "202",
      description = "The attempt is under way; the delivery as it is now.",
      content = @Content(schema = @Schema(implementation = DeliveryView.class)))
  @ApiResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
  @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
  @ApiResponse(
      responseCode = "409",
      description =
          "The endpoint is inactive, the delivery was cancelled with its endpoint (only an"
              + " operator's cancellation can be undone), or (type .../manual-attempt-limit-reached)"
              + " it has had the most manual attempts allowed.",
      content =
          @Content(
              mediaType = ProblemResponses.MEDIA_TYPE,
              schema = @Schema(ref = ProblemResponses.SCHEMA)))
  @ApiResponse(responseCode = "429", ref = ProblemResponses.RATE_LIMITED)
  @ApiResponse(
      responseCode = "503",
      description =
          "The delivery's workflow could not be reached to cut its wait short; try again shortly.",
      content =
          @Content(
              mediaType = ProblemResponses.MEDIA_TYPE,
              schema = @Schema(ref = ProblemResponses.SCHEMA)))
  @PostMapping("/{deliveryId}/retry")
  ResponseEntity<DeliveryView> retry(
      @AuthenticationPrincipal Jwt jwt,
      @Parameter(description = ENDPOINT_ID, example = EXAMPLE_ENDPOINT_ID) @PathVariable
          String endpointId,
      @Parameter(description = DELIVERY_ID, example = EXAMPLE_DELIVERY_ID) @PathVariable
          String deliveryId) {
    return ResponseEntity.accepted()
        .body(DeliveryView.of(retries.retry(jwt.getSubject(), endpointId, deliveryId)));
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > 100) {
      throw ApiException.validation("limit", "must be between 1 and 100");
    }
  }
}
