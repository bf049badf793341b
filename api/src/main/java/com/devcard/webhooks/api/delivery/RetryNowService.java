package com.devcard.webhooks.api.delivery;

import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.error.ProblemTypes;
import com.devcard.webhooks.api.limit.ManualAction;
import com.devcard.webhooks.api.limit.ManualActionLimiter;
import com.devcard.webhooks.api.limit.UserLimitsProperties;
import com.devcard.webhooks.delivery.DeliveryMdc;
import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.store.delivery.CancelReopenRepository;
import com.devcard.webhooks.store.delivery.Delivery;
import com.devcard.webhooks.store.delivery.DeliveryLogRepository;
import com.devcard.webhooks.store.delivery.PendingDelivery;
import com.devcard.webhooks.store.delivery.PendingDeliveryRepository;
import com.devcard.webhooks.store.endpoint.Endpoint;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * "Retry": one attempt now. A delivery waiting between attempts is signalled to end its wait; a
 * finished one ({@code success}, {@code failed}, or {@code cancelled} by an operator) is reopened
 * by a compare-and-set against the delivery as the request first read it, and gets a new workflow
 * run that makes one manual attempt: of retries that saw the same delivery, only one makes an
 * attempt, even when the others arrive after it has ended.
 *
 * <p>Bounded twice, both checked before anything is sent: per endpoint and minute by the {@link
 * ManualActionLimiter}, and per delivery by the number of manual attempts its log may hold.
 */
@Component
class RetryNowService {

  private static final Logger log = LoggerFactory.getLogger(RetryNowService.class);

  private final DeliveryLogRepository deliveryLog;
  private final PendingDeliveryRepository pending;
  private final CancelReopenRepository cancellations;
  private final EndpointRepository endpoints;
  private final DeliveryWorkflowClient workflows;
  private final MissingRunStarter runs;
  private final ManualActionLimiter limiter;
  private final int maxManualAttempts;

  RetryNowService(
      DeliveryLogRepository deliveryLog,
      PendingDeliveryRepository pending,
      CancelReopenRepository cancellations,
      EndpointRepository endpoints,
      DeliveryWorkflowClient workflows,
      MissingRunStarter runs,
      ManualActionLimiter limiter,
      UserLimitsProperties limits) {
    this.deliveryLog = deliveryLog;
    this.pending = pending;
    this.cancellations = cancellations;
    this.endpoints = endpoints;
    this.workflows = workflows;
    this.runs = runs;
    this.limiter = limiter;
    this.maxManualAttempts = limits.maxManualAttempts();
  }

  /**
   * @return the delivery as it is once the attempt is under way
   * @throws ApiException 404 when the endpoint or the delivery is not the user's (or the endpoint
   *     is deleted), 429 when the endpoint has had its share of retries this minute, 409 when the
   *     delivery cannot be retried or has had the most manual attempts allowed, 503 when a waiting
   *     delivery cannot be signalled
   */
  Delivery retry(String userId, String endpointId, String deliveryId) {
    Endpoint endpoint =
        endpoints.find(userId, endpointId).orElseThrow(() -> ApiException.notFound("Endpoint"));
    Delivery delivery = find(userId, endpointId, deliveryId);
    limiter.admit(endpointId, ManualAction.RETRY);
    // The count only grows, and reopening below also requires the attempts seen: a delivery
    // below the cap now was below it when it was read.
    if (deliveryLog.countManualAttempts(deliveryId) >= maxManualAttempts) {
      throw new ApiException(
              HttpStatus.CONFLICT,
              ProblemTypes.MANUAL_ATTEMPT_LIMIT_REACHED,
              "Manual attempt limit reached",
              "The delivery has had "
                  + maxManualAttempts
                  + " manual attempts, the most allowed; it cannot be retried again.")
          .withExtension("maxManualAttempts", maxManualAttempts);
    }
    DeliveryMdc.run(
        deliveryId,
        () -> {
          if (delivery.status() == DeliveryStatus.PENDING) {
            retryWaiting(deliveryId);
          } else {
            retryFinished(endpoint, delivery);
          }
        });
    return find(userId, endpointId, deliveryId);
  }

  private void retryWaiting(String deliveryId) {
    switch (workflows.retryNow(deliveryId)) {
      case SIGNALLED -> log.info("retry: its workflow run is told to attempt now");
      case NOT_RUNNING -> {
        // No run holds it (a manual attempt about to start, or a run stopped outside the api):
        // bring Temporal in line now rather than at the next sweep.
        log.info("retry: no workflow run is waiting; reconciling");
        this.pending.findPending(deliveryId).ifPresent(runs::reconcile);
      }
      case UNREACHABLE ->
          throw new ApiException(
              HttpStatus.SERVICE_UNAVAILABLE,
              ProblemTypes.SERVICE_UNAVAILABLE,
              "Service unavailable",
              "The delivery could not be reached right now; try again shortly.");
    }
  }

  private void retryFinished(Endpoint endpoint, Delivery delivery) {
    if (delivery.status() == DeliveryStatus.HELD) {
      throw conflict(
          "The delivery is held while its endpoint is disabled; enabling the endpoint sends its"
              + " held deliveries in order.");
    }
    if (!endpoint.active()) {
      throw conflict("The endpoint is inactive; activate it before retrying its deliveries.");
    }
    if (!cancellations.reopenForManualAttempt(
        delivery.id(), delivery.status(), delivery.attempts(), maxManualAttempts)) {
      Optional<Delivery> now = deliveryLog.findById(delivery.id());
      if (now.isPresent() && unchanged(delivery, now.get())) {
        throw conflict(
            "The delivery was cancelled with its endpoint; only deliveries cancelled by an"
                + " operator can be retried.");
      }
      // Another retry that saw the delivery as this one did reopened it first: its attempt,
      // under way or made, answers this retry too.
      log.info("retry: already answered by a concurrent retry");
      return;
    }
    log.info("retry: {} delivery reopened for one manual attempt", delivery.status().wireValue());
    Optional<PendingDelivery> pending = this.pending.findPending(delivery.id());
    if (pending.isEmpty()) {
      return; // cancelled in between
    }
    switch (runs.startManualAttempt(pending.get())) {
      case STARTED -> {
        // the run makes the attempt now
      }
      case EXISTS -> log.info("retry: the manual attempt starts once the closing run has closed");
      case UNREACHABLE ->
          log.warn("retry: manual attempt not started yet; the reconciler starts it");
    }
  }

  private static boolean unchanged(Delivery seen, Delivery now) {
    return now.status() == seen.status() && now.attempts() == seen.attempts();
  }

  private Delivery find(String userId, String endpointId, String deliveryId) {
    return deliveryLog
        .find(userId, endpointId, deliveryId)
        .orElseThrow(() -> ApiException.notFound("Delivery"));
  }

  private static ApiException conflict(String detail) {
    return new ApiException(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict", detail);
  }
}
