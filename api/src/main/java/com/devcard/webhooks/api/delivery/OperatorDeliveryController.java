package com.devcard.webhooks.api.delivery;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.error.ProblemTypes;
import com.devcard.webhooks.delivery.DeliveryMdc;
import com.devcard.webhooks.store.delivery.DeliveryRepository;
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
class OperatorDeliveryController {

  private static final Logger log = LoggerFactory.getLogger(OperatorDeliveryController.class);

  private final DeliveryRepository deliveries;
  private final DeliveryWorkflows workflows;

  OperatorDeliveryController(DeliveryRepository deliveries, DeliveryWorkflows workflows) {
    this.deliveries = deliveries;
    this.workflows = workflows;
  }

  /**
   * Cancels a pending delivery: {@code cancelled} in the log at once, its workflow run cancelled
   * (it records nothing more). 409 when it is already finished; "retry" can undo it.
   */
  @PostMapping("/{deliveryId}/cancel")
  DeliveryView cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable String deliveryId) {
    return DeliveryMdc.with(deliveryId, () -> cancel(jwt.getSubject(), deliveryId));
  }

  private DeliveryView cancel(String operator, String deliveryId) {
    deliveries.findById(deliveryId).orElseThrow(() -> ApiException.notFound("Delivery"));
    if (!deliveries.cancelByOperator(deliveryId)) {
      String status =
          deliveries
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
    return DeliveryView.of(deliveries.findById(deliveryId).orElseThrow());
  }
}
