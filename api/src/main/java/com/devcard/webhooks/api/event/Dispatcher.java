package com.devcard.webhooks.api.event;

import com.devcard.webhooks.api.delivery.FairAdmission;
import com.devcard.webhooks.api.error.ApiException;
import com.devcard.webhooks.api.eventtype.EventTypeCatalog;
import com.devcard.webhooks.api.receiver.ReceiverCounters;
import com.devcard.webhooks.api.web.ApiTimes;
import com.devcard.webhooks.store.Ids;
import com.devcard.webhooks.store.delivery.DispatchRepository;
import com.devcard.webhooks.store.delivery.DispatchResult;
import com.devcard.webhooks.store.delivery.DispatchedDelivery;
import com.devcard.webhooks.store.delivery.NewEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an event of a user into deliveries: one per active endpoint subscribed to its type, written
 * in one transaction, then one workflow each. This is the in-process entry point for the DevCard
 * backend ({@link #dispatch(String, String, Object)}) and what {@code POST /api/events} calls.
 */
@Component
public class Dispatcher {

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  private final DispatchRepository dispatches;
  private final FairAdmission admission;
  private final EventTypeCatalog catalog;
  private final List<Duration> retryDelays;
  private final JsonMapper jsonMapper;
  private final ReceiverCounters counters;

  Dispatcher(
      DispatchRepository dispatches,
      FairAdmission admission,
      EventTypeCatalog catalog,
      DispatchProperties properties,
      JsonMapper jsonMapper,
      ReceiverCounters counters) {
    this.counters = counters;
    this.dispatches = dispatches;
    this.admission = admission;
    this.catalog = catalog;
    this.retryDelays = properties.schedule();
    this.jsonMapper = jsonMapper;
  }

  /**
   * Reports an event of a user, as {@code POST /api/events} does without an idempotency key.
   *
   * @param data anything that serializes to a JSON object (a map, a record)
   * @throws ApiException when the type is unknown or data is not an object
   */
  public DispatchedEvent dispatch(String userId, String eventType, Object data) {
    return dispatch(new EventReport(null, userId, eventType, jsonMapper.valueToTree(data)));
  }

  /** Reports an event; the same idempotency key of the same user answers the first answer. */
  public DispatchedEvent dispatch(EventReport report) {
    report.validate(catalog);
    return deliver(report.idempotencyKey(), report.userId(), report.type(), report.data(), null);
  }

  /** Sends a {@code webhook.test} event to one endpoint of the user, whatever it subscribes to. */
  public DispatchedEvent dispatchTest(String userId, String endpointId) {
    JsonNode data =
        jsonMapper
            .createObjectNode()
            .put("message", "This is a test event from DevCard Webhooks.")
            .put("endpointId", endpointId);
    return deliver(null, userId, EventTypeCatalog.WEBHOOK_TEST, data, endpointId);
  }

  private DispatchedEvent deliver(
      String idempotencyKey, String userId, String type, JsonNode data, String onlyEndpointId) {
    String eventId = Ids.newId("evt");
    Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    String payload =
        jsonMapper.writeValueAsString(
            new WebhookPayload(eventId, type, ApiTimes.format(createdAt), data));
    DispatchResult result =
        dispatches.dispatch(
            new NewEvent(
                eventId,
                userId,
                idempotencyKey,
                type,
                payload,
                createdAt,
                retryDelays,
                onlyEndpointId),
            admission.expressPerUser());
    if (result.created()) {
      // Held deliveries (their endpoint was disabled) get no workflow until they are released;
      // the others are admitted into Temporal: the express ones at once, the rest in turn with
      // everyone else's.
      List<DispatchedDelivery> toAdmit =
          result.deliveries().stream().filter(delivery -> !delivery.held()).toList();
      counters.held(result.deliveries().size() - toAdmit.size());
      admission.admit(toAdmit);
      log.info(
          "event {} of type {} dispatched to {} endpoint(s)",
          result.eventId(),
          type,
          result.deliveries().size());
    }
    List<DispatchedEvent.DeliveryRef> refs =
        result.deliveries().stream()
            .map(delivery -> new DispatchedEvent.DeliveryRef(delivery.id(), delivery.endpointId()))
            .toList();
    return new DispatchedEvent(result.eventId(), refs);
  }
}
