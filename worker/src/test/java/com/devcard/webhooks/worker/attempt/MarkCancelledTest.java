package com.devcard.webhooks.worker.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.netguard.HostResolver;
import com.devcard.webhooks.netguard.TargetPolicy;
import com.devcard.webhooks.store.Ids;
import com.devcard.webhooks.store.delivery.AttemptResult;
import com.devcard.webhooks.store.delivery.Delivery;
import com.devcard.webhooks.store.delivery.NewEvent;
import com.devcard.webhooks.store.endpoint.NewEndpoint;
import com.devcard.webhooks.store.testing.TestStore;
import com.devcard.webhooks.worker.http.OutboundHttpSettings;
import com.devcard.webhooks.worker.http.WebhookHttpClient;
import com.devcard.webhooks.workflows.CancelledRun;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A delivery workflow run cancelled in the Temporal UI, as the delivery log records it. */
class MarkCancelledTest {

  private static TestStore store;
  private static WebhookHttpClient http;
  private static DeliveryActivitiesImpl activities;

  private final String user = "user-" + UUID.randomUUID();
  private final String endpointId =
      store
          .endpoints()
          .create(new NewEndpoint(user, "https://hooks.example.com/in", List.of("a"), null), 10)
          .endpoint()
          .id();

  @BeforeAll
  static void wire() {
    store = TestStore.fresh();
    OutboundHttpSettings settings =
        new OutboundHttpSettings(Duration.ofSeconds(1), "DevCard-Webhooks/test");
    http = new WebhookHttpClient(settings, new TargetPolicy(false, false, HostResolver.system()));
    activities =
        new DeliveryActivitiesImpl(
            store.attemptRecords(),
            store.cancellations(),
            store.endpoints(),
            store.rateLimits(),
            http,
            settings,
            new AttemptMetrics(new SimpleMeterRegistry()));
  }

  @AfterAll
  static void close() {
    http.close();
  }

  private String deliver() {
    NewEvent event =
        new NewEvent(
            Ids.newId("evt"),
            user,
            null,
            "a",
            "{}",
            Instant.now(),
            List.of(Duration.ofSeconds(30)),
            endpointId);
    return store.dispatches().dispatch(event).deliveries().getFirst().id();
  }

  private String failed() {
    String id = deliver();
    store
        .attemptRecords()
        .recordAttempt(
            id,
            id + "/1",
            new AttemptResult("scheduled", Instant.now(), 10, 500, null, null, false),
            Optional.empty());
    return id;
  }

  /** A retry that reads the delivery and reopens it as it saw it. */
  private boolean reopen(String id) {
    Delivery seen = store.deliveryLog().findById(id).orElseThrow();
    return store.cancellations().reopenForManualAttempt(id, seen.status(), seen.attempts());
  }

  private DeliveryStatus status(String id) {
    return store.deliveryLog().findById(id).orElseThrow().status();
  }

  @Test
  void aPendingDeliveryEndsCancelledByAnOperator() {
    String id = deliver();

    DeliveryStatus ended = activities.markCancelled(new CancelledRun(id, false));

    assertThat(ended).isEqualTo(DeliveryStatus.CANCELLED);
    assertThat(status(id)).isEqualTo(DeliveryStatus.CANCELLED);
    // an operator's cancellation can be retried
    assertThat(reopen(id)).isTrue();
  }

  @Test
  void aFinishedDeliveryKeepsItsStatusAndTheRunShowsIt() {
    String id = failed();

    assertThat(activities.markCancelled(new CancelledRun(id, false)))
        .isEqualTo(DeliveryStatus.FAILED);
    assertThat(status(id)).isEqualTo(DeliveryStatus.FAILED);
  }

  @Test
  void aCancelledOldRunLeavesALaterRetryAloneButACancelledManualRunDoesNot() {
    String id = failed();
    reopen(id);

    assertThat(activities.markCancelled(new CancelledRun(id, false)))
        .isEqualTo(DeliveryStatus.CANCELLED);
    assertThat(status(id)).isEqualTo(DeliveryStatus.PENDING);

    assertThat(activities.markCancelled(new CancelledRun(id, true)))
        .isEqualTo(DeliveryStatus.CANCELLED);
    assertThat(status(id)).isEqualTo(DeliveryStatus.CANCELLED);
  }

  @Test
  void anUnknownDeliveryIsReportedCancelled() {
    assertThat(activities.markCancelled(new CancelledRun("dlv_unknown", false)))
        .isEqualTo(DeliveryStatus.CANCELLED);
  }
}
