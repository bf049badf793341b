package com.devcard.webhooks.worker.attempt;

import com.devcard.webhooks.delivery.DeliveryMdc;
import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.store.delivery.AttemptRecordRepository;
import com.devcard.webhooks.store.delivery.AttemptResult;
import com.devcard.webhooks.store.delivery.AttemptRules;
import com.devcard.webhooks.store.delivery.CancelReopenRepository;
import com.devcard.webhooks.store.delivery.DeliveryForAttempt;
import com.devcard.webhooks.store.delivery.RecordedAttempt;
import com.devcard.webhooks.store.endpoint.DisabledReason;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import com.devcard.webhooks.store.endpoint.EndpointSecrets;
import com.devcard.webhooks.store.endpoint.EndpointStates;
import com.devcard.webhooks.store.ratelimit.RateLimitSlots;
import com.devcard.webhooks.store.secret.UndecryptableSecretException;
import com.devcard.webhooks.worker.DeliveryProperties;
import com.devcard.webhooks.worker.ReceiverProperties;
import com.devcard.webhooks.worker.http.HttpAttemptResult;
import com.devcard.webhooks.worker.http.OperationalHttpClient;
import com.devcard.webhooks.worker.http.OutboundHttpSettings;
import com.devcard.webhooks.worker.http.WebhookHttpClient;
import com.devcard.webhooks.worker.signing.SignedHeaders;
import com.devcard.webhooks.workflows.AttemptOutcome;
import com.devcard.webhooks.workflows.AttemptRequest;
import com.devcard.webhooks.workflows.AttemptTrigger;
import com.devcard.webhooks.workflows.CancelledRun;
import com.devcard.webhooks.workflows.DeliveryActivities;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One call, one attempt: load the delivery, sign, POST, record. An HTTP failure is an outcome; a
 * database failure is an exception, which Temporal retries without using up an attempt. A signing
 * secret no key of the master keyset opens is an exception for a short grace, then a failed attempt
 * (nothing sent), so the delivery neither hangs nor skips its schedule. Logs carry the delivery id
 * (MDC {@code deliveryId}) and the target host, never a secret, the payload or the full URL.
 */
@Component
public class DeliveryActivitiesImpl implements DeliveryActivities {

  /** The error an attempt records when the endpoint's signing secret cannot be decrypted. */
  static final String SECRET_UNDECRYPTABLE = "signing secret cannot be decrypted";

  private static final Logger log = LoggerFactory.getLogger(DeliveryActivitiesImpl.class);

  private final AttemptRecordRepository attempts;
  private final CancelReopenRepository cancellations;
  private final EndpointRepository endpoints;
  private final WebhookHttpClient http;
  private final OutboundHttpSettings settings;
  private final AttemptMetrics metrics;
  private final Duration keysetRolloutGrace;
  private final ReceiverProperties receivers;
  private final RateLimitGate rateLimit;
  private final OperationalHttpClient operationalHttp;
  private final ReceiverMetrics receiverMetrics;

  public DeliveryActivitiesImpl(
      AttemptRecordRepository attempts,
      CancelReopenRepository cancellations,
      EndpointRepository endpoints,
      RateLimitSlots rateLimits,
      WebhookHttpClient http,
      OutboundHttpSettings settings,
      AttemptMetrics metrics,
      DeliveryProperties delivery,
      ReceiverProperties receivers,
      OperationalHttpClient operationalHttp,
      ReceiverMetrics receiverMetrics) {
    this.receivers = receivers;
    this.operationalHttp = operationalHttp;
    this.receiverMetrics = receiverMetrics;
    this.rateLimit = new RateLimitGate(rateLimits);
    this.attempts = attempts;
    this.cancellations = cancellations;
    this.endpoints = endpoints;
    this.http = http;
    this.settings = settings;
    this.metrics = metrics;
    this.keysetRolloutGrace = delivery.keysetRolloutGrace();
  }

  @Override
  public AttemptOutcome attempt(AttemptRequest request) {
    return attempt(request, AttemptKey.of(Activity.getExecutionContext().getInfo()));
  }

  AttemptOutcome attempt(AttemptRequest request, String attemptKey) {
    return DeliveryMdc.with(request.deliveryId(), () -> attemptOnce(request, attemptKey));
  }

  private AttemptOutcome attemptOnce(AttemptRequest request, String attemptKey) {
    Optional<RecordedAttempt> earlier = attempts.findRecordedAttempt(attemptKey);
    if (earlier.isPresent()) {
      log.info(
          "attempt {} was already made and recorded; not sending again", earlier.get().attempt());
      return outcome(
          earlier.get(),
          honoured(earlier.get().retryAfter()),
          Integer.valueOf(HttpAttemptResult.GONE).equals(earlier.get().responseCode()));
    }
    Optional<DeliveryForAttempt> loaded = attempts.loadForAttempt(request.deliveryId());
    if (loaded.isEmpty()) {
      return cancelled("the delivery no longer exists");
    }
    DeliveryForAttempt delivery = loaded.get();
    Optional<AttemptOutcome> held = notSentWhileHeld(request, delivery);
    if (held.isPresent()) {
      return held.get();
    }
    // A probe goes to an endpoint disabled for failing: that it is inactive is the point.
    Optional<String> reason =
        request.trigger() == AttemptTrigger.PROBE ? Optional.empty() : reasonNotToSend(delivery);
    if (reason.isPresent()) {
      cancellations.markCancelled(request.deliveryId());
      return cancelled(reason.get());
    }
    String endpointId = delivery.delivery().endpointId();
    Optional<Integer> limit = Optional.ofNullable(delivery.endpointRateLimit());
    // Only a caller that waits on a durable timer queues; every caller passes the window below.
    Optional<RateLimitSlots.Slot> queued =
        limit
            .filter(perSecond -> request.waitsForSlot())
            .flatMap(
                perSecond ->
                    rateLimit.queue(endpointId, perSecond, request.reservedSlot() != null));
    if (queued.isPresent()) {
      return waitForSlot(endpointId, queued.get());
    }
    Optional<EndpointSecrets> secrets;
    try {
      secrets = endpoints.secrets(endpointId);
    } catch (UndecryptableSecretException undecryptable) {
      return secretUndecryptable(request, attemptKey, delivery, undecryptable);
    }
    if (secrets.isEmpty()) {
      // Deleted between the two reads.
      cancellations.markCancelled(request.deliveryId());
      return cancelled("the endpoint was deleted");
    }
    // Only signing and the request itself come after: the start the limit counts is the request's.
    Optional<RateLimitSlots.Slot> refused =
        limit.flatMap(perSecond -> admit(request, endpointId, perSecond));
    if (refused.isPresent()) {
      return waitForSlot(endpointId, refused.get());
    }
    return send(request, attemptKey, delivery, secrets.get());
  }

  /**
   * Room in the limit's window, counted as this attempt's start. A caller that waits on a durable
   * timer is given the time to come back; one that cannot (the release of held deliveries, a bulk
   * recovery's item) waits here: its attempt goes to the same endpoint, so it keeps the same limit.
   */
  private Optional<RateLimitSlots.Slot> admit(
      AttemptRequest request, String endpointId, int perSecond) {
    if (request.waitsForSlot()) {
      return rateLimit.admit(endpointId, perSecond);
    }
    int sentBack = rateLimit.admitWaiting(endpointId, perSecond);
    for (int i = 0; i < sentBack; i++) {
      metrics.throttled();
    }
    return Optional.empty();
  }

  /** Nothing sent, nothing recorded: the workflow waits for the slot on a durable timer. */
  private AttemptOutcome waitForSlot(String endpointId, RateLimitSlots.Slot slot) {
    metrics.throttled();
    log.debug(
        "rate limit of endpoint {}: attempt waits {} for its slot", endpointId, slot.remaining());
    return AttemptOutcome.waitForSlot(slot.at(), slot.remaining());
  }

  private AttemptOutcome send(
      AttemptRequest request,
      String attemptKey,
      DeliveryForAttempt delivery,
      EndpointSecrets secrets) {
    // The stored payload string is the body, byte for byte the same on every attempt.
    byte[] body = delivery.payload().getBytes(StandardCharsets.UTF_8);
    Instant startedAt = Instant.now();
    SignedHeaders headers =
        SignedHeaders.builder()
            .deliveryId(request.deliveryId())
            .eventType(delivery.delivery().eventType())
            .secret(secrets.current())
            .previousSecret(secrets.previous())
            .timestamp(startedAt)
            .body(body)
            .userAgent(settings.userAgent())
            .build();

    WebhookHttpClient client =
        delivery.operationalEndpoint() && operationalHttp != null ? operationalHttp.client() : http;
    HttpAttemptResult result = client.post(delivery.endpointUrl(), headers.asMap(), body);

    Instant endedAt = Instant.now();
    boolean success = result.succeeded();
    // A 429 or 503 may ask for a longer wait than the schedule's, never for an extra attempt.
    Duration honouredWait = honoured(result.retryAfter());
    // The next wait is measured from the end of this attempt. A 410 ends the delivery.
    Optional<Instant> nextRetryAt =
        success || result.gone() || request.delayIfItFails() == null
            ? Optional.empty()
            : Optional.of(endedAt.plus(longer(request.delayIfItFails(), honouredWait)));
    RecordedAttempt recorded =
        attempts.recordAttempt(
            request.deliveryId(),
            attemptKey,
            new AttemptResult(
                request.trigger().wireValue(),
                startedAt,
                result.durationMs(),
                result.statusCode(),
                result.bodyPrefix(),
                result.error(),
                success,
                result.retryAfter()),
            nextRetryAt,
            new AttemptRules(result.gone(), request.releasesHeld(), receivers.disableAfter()));
    recorded.endpointDisabled().ifPresent(this::reportDisabled);
    metrics.sent(success, result.statusCode(), result.durationMs());
    log.info(
        "attempt {} {} ({}): host {}, status {}, {} ms{}; delivery now {}",
        recorded.attempt(),
        success ? "succeeded" : "failed",
        request.trigger().wireValue(),
        http.hostOf(delivery.endpointUrl()),
        result.statusCode() == null ? "none" : result.statusCode(),
        result.durationMs(),
        result.error() == null ? "" : ", " + result.error(),
        recorded.deliveryStatus().wireValue());
    return outcome(recorded, honouredWait, result.gone());
  }

  private void reportDisabled(EndpointStates.Disabled disabled) {
    receiverMetrics.disabled(disabled.reason().wireValue(), disabled.heldDeliveryIds().size());
    log.warn(
        "endpoint {} disabled ({}): {} pending deliveries held until it is enabled again",
        disabled.endpointId(),
        disabled.reason().wireValue(),
        disabled.heldDeliveryIds().size());
  }

  private Duration honoured(Duration asked) {
    return asked == null ? null : receivers.honoured(asked);
  }

  private static Duration longer(Duration scheduled, Duration asked) {
    return asked == null || asked.compareTo(scheduled) <= 0 ? scheduled : asked;
  }

  /**
   * No key of this worker's keyset opens the endpoint's secret. Retrying forever would leave the
   * delivery pending with no attempt in its log; after the grace the attempt is recorded as failed,
   * unsent, and the schedule goes on, so a later attempt succeeds once the key is back.
   */
  private AttemptOutcome secretUndecryptable(
      AttemptRequest request,
      String attemptKey,
      DeliveryForAttempt delivery,
      UndecryptableSecretException undecryptable) {
    String endpointId = delivery.delivery().endpointId();
    // Counted from the activity's first try, before any of Temporal's retries.
    ActivityInfo activity = Activity.getExecutionContext().getInfo();
    Instant firstTriedAt = Instant.ofEpochMilli(activity.getScheduledTimestamp());
    Instant now = Instant.now();
    if (now.isBefore(firstTriedAt.plus(keysetRolloutGrace))) {
      log.warn(
          "delivery {}: the signing secret of endpoint {} cannot be decrypted with this worker's"
              + " master keyset; left to a retry, which a worker with a newer keyset may take",
          request.deliveryId(),
          endpointId);
      throw undecryptable;
    }
    Optional<Instant> nextRetryAt = Optional.ofNullable(request.delayIfItFails()).map(now::plus);
    RecordedAttempt recorded =
        attempts.recordAttempt(
            request.deliveryId(),
            attemptKey,
            new AttemptResult(
                request.trigger().wireValue(), now, 0, null, null, SECRET_UNDECRYPTABLE, false),
            nextRetryAt);
    metrics.secretUndecryptable();
    log.error(
        "delivery {}: attempt {} failed unsent: the signing secret of endpoint {} cannot be"
            + " decrypted with the master keyset (is the key it was encrypted with missing?);"
            + " delivery now {}",
        request.deliveryId(),
        recorded.attempt(),
        endpointId,
        recorded.deliveryStatus().wireValue());
    return outcome(recorded);
  }

  @Override
  public DeliveryStatus markCancelled(CancelledRun run) {
    return DeliveryMdc.with(run.deliveryId(), () -> recordCancelledRun(run));
  }

  private DeliveryStatus recordCancelledRun(CancelledRun run) {
    // A run of the schedule cancelled after "retry" reopened the delivery must leave the
    // requested manual attempt alone.
    boolean cancelled =
        run.oneManualAttempt()
            ? cancellations.cancelByOperator(run.deliveryId())
            : cancellations.cancelScheduleByOperator(run.deliveryId());
    Optional<DeliveryStatus> status = cancellations.statusOf(run.deliveryId());
    log.info(
        "workflow run cancelled; delivery {}",
        cancelled
            ? DeliveryStatus.CANCELLED.wireValue()
            : "left " + status.map(DeliveryStatus::wireValue).orElse("gone"));
    return status.filter(DeliveryStatus::isFinal).orElse(DeliveryStatus.CANCELLED);
  }

  /**
   * A held delivery is sent only by a probe of its endpoint (still disabled as failing) or by its
   * release (its endpoint active again); a probe sends only a held delivery. Otherwise nothing is
   * sent, nothing recorded, and the delivery keeps its status.
   */
  private Optional<AttemptOutcome> notSentWhileHeld(
      AttemptRequest request, DeliveryForAttempt delivery) {
    DeliveryStatus status = delivery.delivery().status();
    boolean held = status == DeliveryStatus.HELD;
    boolean sends;
    if (request.trigger() == AttemptTrigger.PROBE) {
      sends =
          held
              && !delivery.endpointDeleted()
              && DisabledReason.FAILING.wireValue().equals(delivery.endpointDisabledReason());
    } else {
      sends = !held || (request.releasesHeld() && delivery.endpointActive());
    }
    if (sends) {
      return Optional.empty();
    }
    log.info(
        "no attempt made: the delivery is {} and its endpoint {}",
        status.wireValue(),
        delivery.endpointActive() ? "active" : "disabled");
    return Optional.of(new AttemptOutcome(0, status, null, false));
  }

  private static Optional<String> reasonNotToSend(DeliveryForAttempt delivery) {
    if (delivery.endpointDeleted()) {
      return Optional.of("the endpoint was deleted");
    }
    if (!delivery.endpointActive()) {
      return Optional.of("the endpoint is inactive");
    }
    if (delivery.delivery().status() == DeliveryStatus.CANCELLED) {
      return Optional.of("the delivery was cancelled");
    }
    return Optional.empty();
  }

  private AttemptOutcome cancelled(String reason) {
    metrics.cancelled();
    log.info("no attempt made: {}", reason);
    return AttemptOutcome.cancelled();
  }

  private static AttemptOutcome outcome(RecordedAttempt recorded) {
    return outcome(recorded, null, false);
  }

  private static AttemptOutcome outcome(
      RecordedAttempt recorded, Duration retryAfter, boolean gone) {
    return new AttemptOutcome(
        recorded.attempt(),
        recorded.deliveryStatus(),
        recorded.responseCode(),
        recorded.success(),
        retryAfter,
        gone,
        null,
        null);
  }
}
