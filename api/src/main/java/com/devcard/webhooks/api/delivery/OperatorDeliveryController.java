package com.devcard.webhooks.api.delivery;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.error.ProblemTypes;
import com.devcard.webhooks.api.openapi.ApiTags;
import com.devcard.webhooks.api.openapi.ProblemResponses;
import com.devcard.webhooks.delivery.DeliveryMdc;
import com.devcard.webhooks.store.delivery.CancelReopenRepository;
import com.devcard.webhooks.store.delivery.DeliveryLogRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Scope {@code webhooks:admin} (see SecurityConfiguration): any user's delivery. */
@RestController
@RequestMapping("/api/admin/deliveries")
@Tag(name = ApiTags.OPERATORS)
class OperatorDeliveryController {

  private static final Logger log = LoggerFactory.getLogger(OperatorDeliveryController.class);

  private final DeliveryLogRepository deliveryLog;
  private final CancelReopenRepository cancellations;
  private final DeliveryWorkflowClient workflows;

  OperatorDeliveryController(
      DeliveryLogRepository deliveryLog,
      CancelReopenRepository cancellations,
      DeliveryWorkflowClient workflows) {
    this.deliveryLog = deliveryLog;
    this.cancellations = cancellations;
    this.workflows = workflows;
  }

  /**
   * Cancels a pending delivery: {@code cancelled} in the log at once, its workflow run cancelled
   * (it records nothing more). 409 when it is already finished; "retry" can undo it.
   */
  @Operation(
      operationId = "cancelDelivery",
      summary = "Cancel a pending delivery",
      description =
          """
          Cancels any user's pending delivery: it is `cancelled` in the log at once and its \
          workflow run is cancelled. An attempt already sent still ends and is logged, and a \
          2xx from it makes the delivery `success`. The owner can undo the cancellation with \
          "retry".""")
  @ApiResponse(responseCode = "200", description = "The delivery, now cancelled.")
  @ApiResponse(responseCode = "401", ref = ProblemResponses.UNAUTHORIZED)
  @ApiResponse(responseCode = "403", ref = ProblemResponses.FORBIDDEN)
  @ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
  @ApiResponse(
      responseCode = "409",
      description = "The delivery has already finished: only a pending delivery can be cancelled.",
      content =
          @Content(
              mediaType = ProblemResponses.MEDIA_TYPE,
              schema = @Schema(ref = ProblemResponses.SCHEMA)))
  @PostMapping("/{deliveryId}/cancel")
  DeliveryView cancel(
      @AuthenticationPrincipal Jwt jwt,
      @Parameter(
              description = DeliveryController.DELIVERY_ID,
              example = DeliveryController.EXAMPLE_DELIVERY_ID)
          @PathVariable
          String deliveryId) {
    return DeliveryMdc.with(deliveryId, () -> cancel(jwt.getSubject(), deliveryId));
  }

  private DeliveryView cancel(String operator, String deliveryId) {
    deliveryLog.findById(deliveryId).orElseThrow(() -> ApiException.notFound("Delivery"));
    if (!cancellations.cancelByOperator(deliveryId)) {
      String status =
          deliveryLog
              .findById(deliveryId)
              .map(delivery -> delivery.status().wireValue())
              .orElse("gone");
      throw new ApiException(
          HttpStatus.CONFLICT,
          ProblemTypes.CONFLICT,
          "Conflict",
          "The delivery is already " + status + "; only a pending delivery can be cancelled.");
    }
    log.info("delivery cancelled by operator {}", operator);
    workflows.cancel(List.of(deliveryId));
    return DeliveryView.of(deliveryLog.findById(deliveryId).orElseThrow());
  }
}
