package com.devcard.webhooks.api;

import com.devcard.webhooks.store.Ids;
import com.devcard.webhooks.store.delivery.AttemptRecordRepository;
import com.devcard.webhooks.store.delivery.AttemptResult;
import com.devcard.webhooks.store.delivery.DeliveryLogRepository;
import com.devcard.webhooks.store.delivery.DispatchRepository;
import com.devcard.webhooks.store.delivery.NewEvent;
import com.devcard.webhooks.store.endpoint.Endpoint;
import com.devcard.webhooks.store.endpoint.EndpointChanges;
import com.devcard.webhooks.store.endpoint.EndpointRepository;
import com.devcard.webhooks.store.endpoint.NewEndpoint;
import com.devcard.webhooks.store.testing.TestStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Endpoints and deliveries written through the store's real repositories, in the states the tests
 * need them in. Users are new for every call of {@link #newUser()}, so tests sharing a database
 * never see each other's rows.
 */
public final class TestData {

  public static final List<Duration> RETRY_DELAYS = List.of(Duration.ofSeconds(30));

  /** Generous, so set-up never runs into the per-user limit a test may be about. */
  private static final int MAX_ENDPOINTS = 50;

  private final EndpointRepository endpoints;
  private final DispatchRepository dispatches;
  private final DeliveryLogRepository deliveryLog;
  private final AttemptRecordRepository attemptRecords;

  public TestData(
      EndpointRepository endpoints,
      DispatchRepository dispatches,
      DeliveryLogRepository deliveryLog,
      AttemptRecordRepository attemptRecords) {
    this.endpoints = endpoints;
    this.dispatches = dispatches;
    this.deliveryLog = deliveryLog;
    this.attemptRecords = attemptRecords;
  }

  public static TestData on(TestStore store) {
    return new TestData(
        store.endpoints(), store.dispatches(), store.deliveryLog(), store.attemptRecords());
  }

  public static String newUser() {
    return "user-" + UUID.randomUUID();
  }

  /** An active endpoint of the user subscribed to these event types. */
  public Endpoint endpoint(String userId, String... eventTypes) {
    return endpoints
        .create(
            new NewEndpoint(userId, TestTargets.publicUrl("in"), List.of(eventTypes), null),
            MAX_ENDPOINTS)
        .endpoint();
  }

  public void setActive(Endpoint endpoint, boolean active) {
    endpoints.update(
        endpoint.userId(),
        endpoint.id(),
        new EndpointChanges(
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(active)));
  }

  public void delete(Endpoint endpoint) {
    endpoints.delete(endpoint.userId(), endpoint.id());
  }

  /** A new pending delivery to the endpoint, of its first event type, created now. */
  public String delivery(Endpoint endpoint) {
    return delivery(endpoint, Instant.now());
  }

  public String delivery(Endpoint endpoint, Instant createdAt) {
    NewEvent event =
        new NewEvent(
            Ids.newId("evt"),
            endpoint.userId(),
            null,
            endpoint.events().getFirst(),
            "{\"data\":{\"n\":1}}",
            createdAt.truncatedTo(ChronoUnit.MILLIS),
            RETRY_DELAYS,
            endpoint.id());
    return dispatches.dispatch(event, 0).deliveries().getFirst().id();
  }

  /** Records a failed attempt with no retry to follow: the delivery ends {@code failed}. */
  public void fail(String deliveryId) {
    record(deliveryId, new AttemptResult("scheduled", Instant.now(), 40, 503, "busy", null, false));
  }

  /** Records a successful attempt: the delivery ends {@code success}. */
  public void succeed(String deliveryId) {
    record(deliveryId, new AttemptResult("scheduled", Instant.now(), 40, 200, "ok", null, true));
  }

  public String status(String deliveryId) {
    return deliveryLog.findById(deliveryId).orElseThrow().status().wireValue();
  }

  private void record(String deliveryId, AttemptResult result) {
    attemptRecords.recordAttempt(
        deliveryId, UUID.randomUUID().toString(), result, Optional.empty());
  }
}
