package com.devcard.webhooks.worker.attempt;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.delivery.RecoveryItemOutcome;
import com.devcard.webhooks.delivery.RecoveryState;
import com.devcard.webhooks.store.delivery.Attempt;
import com.devcard.webhooks.store.delivery.AttemptResult;
import com.devcard.webhooks.store.delivery.DeliveryDetail;
import com.devcard.webhooks.store.endpoint.CreatedEndpoint;
import com.devcard.webhooks.store.recovery.NewRecovery;
import com.devcard.webhooks.store.recovery.Recovery;
import com.devcard.webhooks.store.recovery.RecoveryRepository;
import com.devcard.webhooks.store.testing.TestStore;
import com.devcard.webhooks.workflows.AttemptRequest;
import com.devcard.webhooks.workflows.AttemptTrigger;
import com.devcard.webhooks.workflows.RecoveryFinish;
import com.devcard.webhooks.workflows.RecoveryItemRequest;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Recovery items against a real PostgreSQL and a real HTTP receiver, through the real attempt. */
class RecoveryActivitiesImplTest {

  @RegisterExtension
  static WireMockExtension receiver =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final TestStore store = TestStore.fresh();
  private static final RecoveryRepository recoveries = store.recoveries();

  private final String userId = "user_" + UUID.randomUUID();
  private final String path = "/hook-" + UUID.randomUUID();
  @RegisterExtension final TestActivities wiring = TestActivities.on(store);
  private final DeliveryActivitiesImpl attempts = wiring.attempts();
  private final RecoveryActivitiesImpl activities = wiring.recoveries(attempts);

  @Test
  void aFailedDeliveryGetsOneManualAttemptAppendedToItsLogAndTheRecoveryCountsIt() {
    receiver.stubFor(post(path).willReturn(aResponse().withStatus(200)));
    CreatedEndpoint endpoint = endpoint();
    String deliveryId = failedDelivery(endpoint);
    Recovery recovery = recover(endpoint);

    RecoveryItemOutcome outcome = activities.recoverItem(item(recovery, 1));

    assertThat(outcome).isEqualTo(RecoveryItemOutcome.SUCCEEDED);
    receiver.verify(1, postRequestedFor(urlEqualTo(path)));
    DeliveryDetail detail = detail(endpoint, deliveryId);
    assertThat(detail.delivery().status()).isEqualTo(DeliveryStatus.SUCCESS);
    assertThat(detail.attemptLog()).extracting(Attempt::attempt).containsExactly(1, 2);
    assertThat(detail.attemptLog())
        .extracting(Attempt::trigger)
        .containsExactly("scheduled", "manual");
    Recovery counted = recoveries.find(recovery.id()).orElseThrow();
    assertThat(counted.done()).isEqualTo(1);
    assertThat(counted.succeeded()).isEqualTo(1);
    assertThat(counted.failed()).isZero();
    assertThat(recoveries.findItem(recovery.id(), 1).orElseThrow().attempt()).isEqualTo(2);
  }

  @Test
  void aManualAttemptThatFailsLeavesTheDeliveryFailedWithNoRetryScheduled() {
    receiver.stubFor(post(path).willReturn(aResponse().withStatus(503)));
    CreatedEndpoint endpoint = endpoint();
    String deliveryId = failedDelivery(endpoint);
    Recovery recovery = recover(endpoint);

    RecoveryItemOutcome outcome = activities.recoverItem(item(recovery, 1));

    assertThat(outcome).isEqualTo(RecoveryItemOutcome.FAILED);
    DeliveryDetail detail = detail(endpoint, deliveryId);
    assertThat(detail.delivery().status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(detail.delivery().nextRetryAt()).isNull();
    assertThat(detail.delivery().responseCode()).isEqualTo(503);
    assertThat(detail.attemptLog()).hasSize(2);
    Recovery counted = recoveries.find(recovery.id()).orElseThrow();
    assertThat(counted.done()).isEqualTo(1);
    assertThat(counted.failed()).isEqualTo(1);
  }

  @Test
  void recoveringTheSameItemAgainSendsNothingAndCountsItOnce() {
    receiver.stubFor(post(path).willReturn(aResponse().withStatus(200)));
    CreatedEndpoint endpoint = endpoint();
    String deliveryId = failedDelivery(endpoint);
    Recovery recovery = recover(endpoint);

    activities.recoverItem(item(recovery, 1));
    RecoveryItemOutcome again = activities.recoverItem(item(recovery, 1));

    assertThat(again).isEqualTo(RecoveryItemOutcome.SUCCEEDED);
    receiver.verify(1, postRequestedFor(urlEqualTo(path)));
    assertThat(detail(endpoint, deliveryId).attemptLog()).hasSize(2);
    assertThat(recoveries.find(recovery.id()).orElseThrow().done()).isEqualTo(1);
  }

  @Test
  void anAttemptRecordedBeforeACrashIsNotMadeAgainAndTheItemIsCountedFromIt() {
    receiver.stubFor(post(path).willReturn(aResponse().withStatus(200)));
    CreatedEndpoint endpoint = endpoint();
    String deliveryId = failedDelivery(endpoint);
    Recovery recovery = recover(endpoint);
    // The attempt was made and recorded, then the worker died before the item was finished.
    attempts.attempt(
        new AttemptRequest(deliveryId, AttemptTrigger.MANUAL, null),
        RecoveryActivitiesImpl.attemptKey(recovery.id(), 1));

    RecoveryItemOutcome outcome = activities.recoverItem(item(recovery, 1));

    assertThat(outcome).isEqualTo(RecoveryItemOutcome.SUCCEEDED);
    receiver.verify(1, postRequestedFor(urlEqualTo(path)));
    Recovery counted = recoveries.find(recovery.id()).orElseThrow();
    assertThat(counted.done()).isEqualTo(1);
    assertThat(counted.succeeded()).isEqualTo(1);
  }

  @Test
  void aDeliveryRetriedSinceTheSnapshotIsSkippedWithoutARequest() {
    receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));
    CreatedEndpoint endpoint = endpoint();
    String deliveryId = failedDelivery(endpoint);
    Recovery recovery = recover(endpoint);
    record(deliveryId, true);

    RecoveryItemOutcome outcome = activities.recoverItem(item(recovery, 1));

    assertThat(outcome).isEqualTo(RecoveryItemOutcome.SKIPPED);
    receiver.verify(0, anyRequestedFor(anyUrl()));
    Recovery counted = recoveries.find(recovery.id()).orElseThrow();
    assertThat(counted.done()).isEqualTo(1);
    assertThat(counted.succeeded()).isZero();
    assertThat(counted.failed()).isZero();
  }

  @Test
  void aDeliveryWhoseEndpointWasDeactivatedIsSkippedWithoutARequest() {
    receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));
    CreatedEndpoint endpoint = endpoint();
    String deliveryId = failedDelivery(endpoint);
    Recovery recovery = recover(endpoint);
    store.setActive(userId, endpoint.endpoint().id(), false);

    RecoveryItemOutcome outcome = activities.recoverItem(item(recovery, 1));

    assertThat(outcome).isEqualTo(RecoveryItemOutcome.SKIPPED);
    receiver.verify(0, anyRequestedFor(anyUrl()));
    assertThat(detail(endpoint, deliveryId).attemptLog()).hasSize(1);
  }

  @Test
  void anItemOfARecoveryCancelledThroughTheApiMakesNoRequestAndIsNotCounted() {
    receiver.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(200)));
    CreatedEndpoint endpoint = endpoint();
    failedDelivery(endpoint);
    Recovery recovery = recover(endpoint);
    recoveries.finish(recovery.id(), RecoveryState.CANCELLED);

    RecoveryItemOutcome outcome = activities.recoverItem(item(recovery, 1));

    assertThat(outcome).isEqualTo(RecoveryItemOutcome.RECOVERY_CANCELLED);
    receiver.verify(0, anyRequestedFor(anyUrl()));
    assertThat(recoveries.find(recovery.id()).orElseThrow().done()).isZero();
    assertThat(recoveries.findItem(recovery.id(), 1).orElseThrow().isPending()).isTrue();
  }

  @Test
  void finishingCompletesARunningRecoveryButNeverOverwritesACancel() {
    CreatedEndpoint endpoint = endpoint();
    // One at a time: at most one recovery of an endpoint runs.
    Recovery cancelled = recover(endpoint);
    recoveries.finish(cancelled.id(), RecoveryState.CANCELLED);
    Recovery completed = recover(endpoint);

    assertThat(activities.finish(new RecoveryFinish(completed.id(), RecoveryState.COMPLETED)))
        .isEqualTo(RecoveryState.COMPLETED);
    assertThat(activities.finish(new RecoveryFinish(cancelled.id(), RecoveryState.COMPLETED)))
        .isEqualTo(RecoveryState.CANCELLED);
    assertThat(recoveries.find(completed.id()).orElseThrow().state())
        .isEqualTo(RecoveryState.COMPLETED);
  }

  // --- helpers

  private CreatedEndpoint endpoint() {
    return store.createEndpoint(
        userId, "http://127.0.0.1:" + receiver.getPort() + path, "card.viewed");
  }

  /** A delivery whose only scheduled attempt failed. */
  private String failedDelivery(CreatedEndpoint endpoint) {
    String deliveryId =
        store
            .event(userId, endpoint.endpoint().id())
            .type("card.viewed")
            .payload("{\"id\":\"evt\"}")
            .retryDelays(List.of())
            .deliver();
    record(deliveryId, false);
    return deliveryId;
  }

  private static void record(String deliveryId, boolean success) {
    store.recordAttempt(
        deliveryId,
        new AttemptResult("scheduled", Instant.now(), 5, success ? 200 : 500, null, null, success));
  }

  private Recovery recover(CreatedEndpoint endpoint) {
    return recoveries.create(
        new NewRecovery(userId, userId, userId, endpoint.endpoint().id(), null, 10));
  }

  private static RecoveryItemRequest item(Recovery recovery, int position) {
    return new RecoveryItemRequest(recovery.id(), position);
  }

  private DeliveryDetail detail(CreatedEndpoint endpoint, String deliveryId) {
    return store
        .deliveryLog()
        .findDetail(userId, endpoint.endpoint().id(), deliveryId)
        .orElseThrow();
  }
}
