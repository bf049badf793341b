package com.devcard.webhooks.worker.attempt;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.delivery.RecoveryItemOutcome;
import com.devcard.webhooks.store.operational.OperationalEndpoint;
import com.devcard.webhooks.store.operational.OperationalEvents;
import com.devcard.webhooks.store.recovery.Recovery;
import com.devcard.webhooks.store.testing.EmbeddedDatabase;
import com.devcard.webhooks.store.testing.TestStore;
import com.devcard.webhooks.workflows.AttemptOutcome;
import com.devcard.webhooks.workflows.AttemptRequest;
import com.devcard.webhooks.workflows.AttemptTrigger;
import com.devcard.webhooks.workflows.ProbeStep;
import com.devcard.webhooks.workflows.ProbeTarget;
import com.devcard.webhooks.workflows.RecoveryItemRequest;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What receivers do to their endpoints, through the attempt activity against a real PostgreSQL and
 * a real receiver: a 410 disables, a long failure disables, held deliveries are not sent except by
 * a probe or their release.
 */
class ReceiverSteeringTest {

  @RegisterExtension
  static WireMockExtension receiver =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final Duration NEXT_DELAY = Duration.ofSeconds(30);

  private static final TestStore store = TestStore.fresh();

  private final String user = "user-" + UUID.randomUUID();
  private final String path = "/hook-" + UUID.randomUUID();

  // The receiver listens on loopback: allowed here, except where a test says otherwise.
  @RegisterExtension final TestActivities wiring = TestActivities.on(store);

  private final SimpleMeterRegistry meters = wiring.meters();
  private DeliveryActivitiesImpl attempts = wiring.attempts();

  @Test
  void a410DisablesTheEndpointAndHoldsItsOtherPendingDeliveries() {
    receiver.stubFor(post(path).willReturn(aResponse().withStatus(410)));
    String endpointId = endpoint();
    String gone = deliver(endpointId);
    String waiting = deliver(endpointId);

    AttemptOutcome outcome =
        attempt(AttemptRequest.paced(gone, AttemptTrigger.SCHEDULED, NEXT_DELAY));

    assertThat(outcome.gone()).isTrue();
    assertThat(outcome.deliveryStatus()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(status(waiting)).isEqualTo(DeliveryStatus.HELD);
    assertThat(store.endpoints().findById(endpointId).orElseThrow().disabledReason())
        .isEqualTo("gone");
    assertThat(meters.get(ReceiverMetrics.DISABLED).tag("reason", "gone").counter().count())
        .isEqualTo(1);
    assertThat(meters.get(ReceiverMetrics.HELD).counter().count()).isEqualTo(1);
  }

  @Test
  void aHeldDeliveryIsNotSentByItsScheduleAndEndsItsRun() {
    receiver.stubFor(post(path).willReturn(aResponse().withStatus(410)));
    String endpointId = endpoint();
    attempt(AttemptRequest.paced(deliver(endpointId), AttemptTrigger.SCHEDULED, NEXT_DELAY));
    String held = deliver(endpointId);
    receiver.resetRequests();

    AttemptOutcome outcome =
        attempt(AttemptRequest.paced(held, AttemptTrigger.SCHEDULED, NEXT_DELAY));

    assertThat(outcome.deliveryStatus()).isEqualTo(DeliveryStatus.HELD);
    assertThat(outcome.attemptNumber()).isZero();
    receiver.verify(0, postRequestedFor(urlEqualTo(path)));
  }

  @Test
  void aDeliveryEndingFailedFiveDaysIntoTheFailuresDisablesTheEndpoint() {
    receiver.stubFor(post(path).willReturn(aResponse().withStatus(503)));
    String endpointId = endpoint();
    store
        .jdbc()
        .sql(
            "insert into webhook_endpoint_health (endpoint_id, failing_since)"
                + " values (:id, now() - interval '5 days 1 minute')")
        .param("id", endpointId)
        .update();
    String waiting = deliver(endpointId);

    AttemptOutcome last =
        attempt(AttemptRequest.paced(deliver(endpointId), AttemptTrigger.SCHEDULED, null));

    assertThat(last.deliveryStatus()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(store.endpoints().findById(endpointId).orElseThrow().disabledReason())
        .isEqualTo("failing");
    assertThat(status(waiting)).isEqualTo(DeliveryStatus.HELD);
    assertThat(meters.get(ReceiverMetrics.DISABLED).tag("reason", "failing").counter().count())
        .isEqualTo(1);
  }

  @Test
  void aProbeSendsTheOldestHeldDeliveryAndASuccessEnablesTheEndpoint() {
    receiver.stubFor(post(path).willReturn(aResponse().withStatus(503)));
    String endpointId = disabledAsFailing();
    String oldest = deliver(endpointId);
    deliver(endpointId);
    EndpointProbeActivitiesImpl probes =
        new EndpointProbeActivitiesImpl(store.states(), new ReceiverMetrics(meters));
    ProbeStep step = new ProbeStep(endpointId, 5, List.of(NEXT_DELAY));

    ProbeTarget target = probes.target(step);
    assertThat(target.deliveryId()).isEqualTo(oldest);
    AttemptOutcome failed = attempt(AttemptRequest.paced(oldest, AttemptTrigger.PROBE, null));

    assertThat(failed.attemptNumber()).isEqualTo(1);
    assertThat(failed.deliveryStatus()).isEqualTo(DeliveryStatus.HELD);

    receiver.stubFor(post(path).willReturn(aResponse().withStatus(204)));
    AttemptOutcome succeeded = attempt(AttemptRequest.paced(oldest, AttemptTrigger.PROBE, null));
    assertThat(succeeded.succeeded()).isTrue();
    assertThat(probes.enable(step)).isTrue();

    assertThat(store.endpoints().findById(endpointId).orElseThrow().active()).isTrue();
    assertThat(probes.target(step).present()).isFalse();
    assertThat(meters.get(ReceiverMetrics.ENABLED).tag("by", "probe").counter().count())
        .isEqualTo(1);
  }

  @Test
  void aProbeSendsNothingOnceTheDeliveryIsNoLongerHeld() {
    receiver.stubFor(post(path).willReturn(aResponse().withStatus(204)));
    String endpointId = endpoint();
    String pending = deliver(endpointId);

    AttemptOutcome outcome = attempt(AttemptRequest.paced(pending, AttemptTrigger.PROBE, null));

    assertThat(outcome.attemptNumber()).isZero();
    assertThat(status(pending)).isEqualTo(DeliveryStatus.PENDING);
    receiver.verify(0, postRequestedFor(urlEqualTo(path)));
  }

  @Test
  void aReleaseSendsTheHeldDeliveriesAndOneThatFailsGoesOnWithItsSchedule() {
    receiver.stubFor(post(path).willReturn(aResponse().withStatus(410)));
    String endpointId = endpoint();
    attempt(AttemptRequest.paced(deliver(endpointId), AttemptTrigger.SCHEDULED, NEXT_DELAY));
    String first = deliver(endpointId);
    String second = deliver(endpointId);
    receiver.stubFor(post(path).willReturn(aResponse().withStatus(503)));
    Recovery release =
        store.setActive(user, endpointId, true).orElseThrow().release().orElseThrow();
    RecoveryActivitiesImpl releases = wiring.recoveries(attempts);

    RecoveryItemOutcome outcome = releases.recoverItem(new RecoveryItemRequest(release.id(), 1));

    assertThat(outcome).isEqualTo(RecoveryItemOutcome.FAILED);
    assertThat(status(first)).isEqualTo(DeliveryStatus.PENDING);
    assertThat(store.deliveryLog().findById(first).orElseThrow().nextRetryAt()).isNotNull();
    assertThat(status(second)).isEqualTo(DeliveryStatus.HELD);
    assertThat(meters.get(ReceiverMetrics.RELEASED).tag("outcome", "failure").counter().count())
        .isEqualTo(1);
  }

  @Test
  void theOperationalEndpointIsReachedOnAPrivateAddressUsersMayNotTarget() {
    // As in production: users' endpoints on private addresses are refused.
    attempts = wiring.withPrivateTargets(false).attempts();
    receiver.stubFor(post("/ops").willReturn(aResponse().withStatus(204)));
    receiver.stubFor(post(path).willReturn(aResponse().withStatus(204)));
    AttemptOutcome refused =
        attempt(AttemptRequest.paced(deliver(endpoint()), AttemptTrigger.SCHEDULED, NEXT_DELAY));
    assertThat(refused.succeeded()).isFalse();
    new OperationalEndpoint(store.jdbc(), EmbeddedDatabase.testCipher())
        .configure(Optional.of(receiverUrl("/ops")), "whsec_" + "B".repeat(43) + "=");
    String delivery =
        new OperationalEvents(store.jdbc())
            .enabled(user, "ep_x", "user", List.of(NEXT_DELAY))
            .orElseThrow();

    AttemptOutcome outcome =
        attempt(AttemptRequest.paced(delivery, AttemptTrigger.SCHEDULED, NEXT_DELAY));

    assertThat(outcome.succeeded()).isTrue();
    receiver.verify(1, postRequestedFor(urlEqualTo("/ops")));
  }

  // --- helpers

  private AttemptOutcome attempt(AttemptRequest request) {
    return attempts.attempt(request, UUID.randomUUID().toString());
  }

  private String endpoint() {
    // 127.0.0.1 is private: registered through the store, as the API would with private targets
    return store.createEndpoint(user, receiverUrl(path), "card.viewed").endpoint().id();
  }

  private String disabledAsFailing() {
    String endpointId = endpoint();
    store
        .jdbc()
        .sql(
            "update webhook_endpoints set is_active = false, disabled_reason = 'failing',"
                + " disabled_at = now() where id = :id")
        .param("id", endpointId)
        .update();
    return endpointId;
  }

  private String deliver(String endpointId) {
    return store
        .event(user, endpointId)
        .type("card.viewed")
        .retryDelays(List.of(NEXT_DELAY))
        .deliver();
  }

  private static DeliveryStatus status(String deliveryId) {
    return store.deliveryLog().findById(deliveryId).orElseThrow().status();
  }

  private static String receiverUrl(String path) {
    return "http://127.0.0.1:" + receiver.getPort() + path;
  }
}
