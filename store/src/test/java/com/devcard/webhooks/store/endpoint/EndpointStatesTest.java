package com.devcard.webhooks.store.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.store.Ids;
import com.devcard.webhooks.store.delivery.AttemptResult;
import com.devcard.webhooks.store.delivery.AttemptRules;
import com.devcard.webhooks.store.delivery.DispatchResult;
import com.devcard.webhooks.store.delivery.NewEvent;
import com.devcard.webhooks.store.delivery.RecordedAttempt;
import com.devcard.webhooks.store.operational.OperationalEndpoint;
import com.devcard.webhooks.store.operational.OperationalEvents;
import com.devcard.webhooks.store.recovery.Recovery;
import com.devcard.webhooks.store.testing.EmbeddedDatabase;
import com.devcard.webhooks.store.testing.TestStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What 410s, long failures, owners and probes do to endpoints and their deliveries. */
class EndpointStatesTest {

  private static final List<Duration> ONE_RETRY = List.of(Duration.ofSeconds(30));
  private static final Duration DISABLE_AFTER = Duration.ofDays(5);
  private static final AttemptRules GONE = new AttemptRules(true, false, DISABLE_AFTER);
  private static final AttemptRules FAILING = new AttemptRules(false, false, DISABLE_AFTER);

  private static TestStore store;
  private static EndpointStates states;

  private final String user = "user-" + UUID.randomUUID();
  private final String endpointId = endpoint(user, "card.viewed");

  @BeforeAll
  static void database() {
    store = TestStore.fresh();
    states = store.states();
    new OperationalEndpoint(store.jdbc(), EmbeddedDatabase.testCipher())
        .configure(
            Optional.of("https://ops.example.com/webhooks"), "whsec_" + "A".repeat(43) + "=");
  }

  @Test
  void a410DisablesTheEndpointAsGoneEndsItsDeliveryFailedAndHoldsTheOthers() {
    String gone = deliver();
    String waiting = deliver();
    attempt(waiting, false, true, AttemptRules.LOG_ONLY); // a failed attempt, a retry to come

    RecordedAttempt recorded = attemptWith(gone, 410, false, GONE);

    assertThat(recorded.deliveryStatus()).isEqualTo(DeliveryStatus.FAILED);
    EndpointStates.Disabled disabled = recorded.endpointDisabled().orElseThrow();
    assertThat(disabled.reason()).isEqualTo(DisabledReason.GONE);
    assertThat(disabled.heldDeliveryIds()).containsExactly(waiting);
    assertThat(status(waiting)).isEqualTo(DeliveryStatus.HELD);
    assertThat(nextRetryAt(waiting)).isNull();
    Endpoint endpoint = endpointNow();
    assertThat(endpoint.active()).isFalse();
    assertThat(endpoint.disabledReason()).isEqualTo("gone");
    assertThat(endpoint.disabledAt()).isNotNull();
    // the DevCard backend hears of it
    assertThat(operationalPayload(disabled.operationalDeliveryId().orElseThrow()))
        .contains("\"type\":\"endpoint.disabled\"")
        .contains("\"userId\":\"" + user + "\"")
        .contains("\"endpointId\":\"" + endpointId + "\"")
        .contains("\"reason\":\"gone\"");
    // once is enough
    assertThat(attemptWith(deliver(), 410, false, GONE).endpointDisabled()).isEmpty();
  }

  @Test
  void aDeliveryEndingFailedLongAfterTheEndpointStartedFailingDisablesIt() {
    String first = deliver();
    attempt(first, false, false, FAILING); // ends failed: failing since now
    String second = deliver();
    RecordedAttempt tooSoon = attempt(second, false, false, FAILING);
    assertThat(tooSoon.endpointDisabled()).isEmpty();

    // the endpoint has been failing for six days
    store
        .jdbc()
        .sql(
            "update webhook_endpoint_health set failing_since = now() - interval '6 days'"
                + " where endpoint_id = :id")
        .param("id", endpointId)
        .update();
    String waiting = deliver();
    RecordedAttempt late = attempt(deliver(), false, false, FAILING);

    EndpointStates.Disabled disabled = late.endpointDisabled().orElseThrow();
    assertThat(disabled.reason()).isEqualTo(DisabledReason.FAILING);
    assertThat(disabled.failingSince()).isNotNull();
    assertThat(disabled.heldDeliveryIds()).containsExactly(waiting);
    assertThat(endpointNow().disabledReason()).isEqualTo("failing");
    assertThat(operationalPayload(disabled.operationalDeliveryId().orElseThrow()))
        .contains("\"reason\":\"failing\"")
        .contains("\"failingSince\":\"");
    assertThat(states.probesDue(1_000))
        .extracting(EndpointStates.ProbeDue::endpointId)
        .contains(endpointId);
    states.markProbeStarted(endpointId);
    assertThat(states.probesDue(1_000))
        .extracting(EndpointStates.ProbeDue::endpointId)
        .doesNotContain(endpointId);
  }

  @Test
  void aZeroWindowNeverDisables() {
    store
        .jdbc()
        .sql(
            "insert into webhook_endpoint_health (endpoint_id, failing_since)"
                + " values (:id, now() - interval '60 days')")
        .param("id", endpointId)
        .update();

    RecordedAttempt recorded =
        attempt(deliver(), false, false, new AttemptRules(false, false, Duration.ZERO));

    assertThat(recorded.endpointDisabled()).isEmpty();
    assertThat(endpointNow().active()).isTrue();
  }

  @Test
  void eventsForAnEndpointTheServiceDisabledAreHeldAndForOneItsOwnerDisabledNone() {
    String paused = endpoint(user, "card.viewed");
    store
        .endpoints()
        .update(
            user,
            paused,
            new EndpointChanges(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(false)));
    attemptWith(deliver(), 410, false, GONE);

    DispatchResult dispatched = dispatch("card.viewed", null);

    assertThat(dispatched.deliveries()).hasSize(1);
    assertThat(dispatched.deliveries().getFirst().endpointId()).isEqualTo(endpointId);
    assertThat(dispatched.deliveries().getFirst().held()).isTrue();
    assertThat(status(dispatched.deliveries().getFirst().id())).isEqualTo(DeliveryStatus.HELD);
  }

  @Test
  void itsOwnerEnablingItReleasesTheHeldDeliveriesInCreationOrder() {
    attemptWith(deliver(), 410, false, GONE);
    String first = dispatch("card.viewed", null).deliveries().getFirst().id();
    String second = dispatch("card.viewed", null).deliveries().getFirst().id();

    EndpointUpdate update = setActive(true, true);

    assertThat(update.endpoint().active()).isTrue();
    assertThat(update.endpoint().disabledReason()).isNull();
    Recovery release = update.release().orElseThrow();
    assertThat(release.release()).isTrue();
    assertThat(release.total()).isEqualTo(2);
    assertThat(store.recoveries().findItem(release.id(), 1).orElseThrow().deliveryId())
        .isEqualTo(first);
    assertThat(store.recoveries().findItem(release.id(), 2).orElseThrow().deliveryId())
        .isEqualTo(second);
    assertThat(operationalPayload(update.deliveriesToStart().getFirst()))
        .contains("\"type\":\"endpoint.enabled\"")
        .contains("\"by\":\"user\"");
  }

  @Test
  void aReleaseKeepsToTheEndpointsRateLimitWhenItIsLowerThanThePace() {
    store
        .endpoints()
        .update(
            user,
            endpointId,
            new EndpointChanges(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(Optional.of(3))));
    attemptWith(deliver(), 410, false, GONE);
    dispatch("card.viewed", null);

    Recovery release = setActive(true, true).release().orElseThrow();

    assertThat(release.ratePerSecond()).isEqualTo(3);
  }

  @Test
  void itsOwnerEnablingItWithoutReleasingCancelsTheHeldDeliveries() {
    attemptWith(deliver(), 410, false, GONE);
    String held = dispatch("card.viewed", null).deliveries().getFirst().id();

    EndpointUpdate update = setActive(true, false);

    assertThat(update.release()).isEmpty();
    assertThat(update.cancelledDeliveryIds()).containsExactly(held);
    assertThat(status(held)).isEqualTo(DeliveryStatus.CANCELLED);
  }

  @Test
  void itsOwnerTurningOffAnEndpointTheServiceDisabledCancelsItsHeldDeliveries() {
    attemptWith(deliver(), 410, false, GONE);
    String held = dispatch("card.viewed", null).deliveries().getFirst().id();

    EndpointUpdate update = setActive(false, true);

    assertThat(update.endpoint().disabledReason()).isEqualTo("user");
    assertThat(update.cancelledDeliveryIds()).containsExactly(held);
    assertThat(status(held)).isEqualTo(DeliveryStatus.CANCELLED);
  }

  @Test
  void deliveriesHeldTooLongAreCancelledOldestFirstInBoundedBatches() {
    attemptWith(deliver(), 410, false, GONE);
    String old = dispatch("card.viewed", null).deliveries().getFirst().id();
    String recent = dispatch("card.viewed", null).deliveries().getFirst().id();
    store
        .jdbc()
        .sql("update webhook_deliveries set held_at = now() - interval '8 days' where id = :id")
        .param("id", old)
        .update();

    List<String> cancelled = states.cancelHeldSince(Instant.now().minus(Duration.ofDays(7)), 100);

    assertThat(cancelled).contains(old).doesNotContain(recent);
    assertThat(status(old)).isEqualTo(DeliveryStatus.CANCELLED);
    assertThat(status(recent)).isEqualTo(DeliveryStatus.HELD);
  }

  @Test
  void aProbeSendsTheOldestHeldDeliveryOrATestOneAndItsFailureLeavesItHeld() {
    disableAsFailing();
    String test = states.probeTarget(endpointId, ONE_RETRY).orElseThrow();
    assertThat(status(test)).isEqualTo(DeliveryStatus.HELD);
    assertThat(states.probeTarget(endpointId, ONE_RETRY)).contains(test);
    assertThat(
            store
                .jdbc()
                .sql("select event_type from webhook_deliveries where id = :id")
                .param("id", test)
                .query(String.class)
                .single())
        .isEqualTo("webhook.test");

    RecordedAttempt failedProbe = attemptWith(test, 503, false, "probe", AttemptRules.LOG_ONLY);

    assertThat(failedProbe.deliveryStatus()).isEqualTo(DeliveryStatus.HELD);
    assertThat(status(test)).isEqualTo(DeliveryStatus.HELD);
  }

  @Test
  void aSuccessfulProbeEnablesTheEndpointAndReleasesItsHeldDeliveries() {
    disableAsFailing();
    String held = dispatch("card.viewed", null).deliveries().getFirst().id();

    EndpointStates.Enabled enabled =
        states.enableAfterProbe(endpointId, 5, ONE_RETRY).orElseThrow();

    assertThat(endpointNow().active()).isTrue();
    assertThat(enabled.release().orElseThrow().total()).isEqualTo(1);
    assertThat(store.recoveries().findItem(enabled.release().get().id(), 1).get().deliveryId())
        .isEqualTo(held);
    assertThat(operationalPayload(enabled.operationalDeliveryId().orElseThrow()))
        .contains("\"by\":\"probe\"");
    // the owner was quicker, or another probe: nothing more to do
    assertThat(states.enableAfterProbe(endpointId, 5, ONE_RETRY)).isEmpty();
    assertThat(states.probeTarget(endpointId, ONE_RETRY)).isEmpty();
  }

  @Test
  void aReleasedAttemptThatFailsPutsTheDeliveryBackOnItsSchedule() {
    attemptWith(deliver(), 410, false, GONE);
    String held = dispatch("card.viewed", null).deliveries().getFirst().id();
    setActive(true, true);

    RecordedAttempt released =
        attemptWith(held, 503, true, "scheduled", new AttemptRules(false, true, DISABLE_AFTER));

    assertThat(released.deliveryStatus()).isEqualTo(DeliveryStatus.PENDING);
    // its schedule goes on in a workflow run the reconciler starts
    assertThat(
            store
                .jdbc()
                .sql("select workflow_started from webhook_deliveries where id = :id")
                .param("id", held)
                .query(Boolean.class)
                .single())
        .isFalse();
  }

  @Test
  void deletingTheEndpointCancelsItsHeldDeliveries() {
    attemptWith(deliver(), 410, false, GONE);
    String held = dispatch("card.viewed", null).deliveries().getFirst().id();

    assertThat(store.endpoints().delete(user, endpointId).orElseThrow()).contains(held);
    assertThat(status(held)).isEqualTo(DeliveryStatus.CANCELLED);
  }

  @Test
  void theOperationalEndpointIsNeverDisabled() {
    assertThat(states.disableAsGone(OperationalEvents.ENDPOINT_ID, deliver())).isEmpty();
  }

  // --- helpers

  private void disableAsFailing() {
    store
        .jdbc()
        .sql(
            "insert into webhook_endpoint_health (endpoint_id, failing_since)"
                + " values (:id, now() - interval '6 days')")
        .param("id", endpointId)
        .update();
    assertThat(attempt(deliver(), false, false, FAILING).endpointDisabled()).isPresent();
  }

  private EndpointUpdate setActive(boolean active, boolean releaseHeld) {
    return store
        .endpoints()
        .update(
            user,
            endpointId,
            new EndpointChanges(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(active),
                Optional.empty(),
                releaseHeld))
        .orElseThrow();
  }

  private static String endpoint(String userId, String eventType) {
    return store
        .endpoints()
        .create(
            new NewEndpoint(userId, "https://hooks.example.com/in", List.of(eventType), null), 50)
        .endpoint()
        .id();
  }

  private Endpoint endpointNow() {
    return store.endpoints().findById(endpointId).orElseThrow();
  }

  private String deliver() {
    return dispatch("card.viewed", endpointId).deliveries().getFirst().id();
  }

  private DispatchResult dispatch(String eventType, String onlyEndpointId) {
    return store
        .dispatches()
        .dispatch(
            new NewEvent(
                Ids.newId("evt"),
                user,
                null,
                eventType,
                "{}",
                Instant.now(),
                ONE_RETRY,
                onlyEndpointId));
  }

  private static RecordedAttempt attempt(
      String deliveryId, boolean success, boolean retryFollows, AttemptRules rules) {
    return attemptWith(deliveryId, success ? 200 : 503, retryFollows, "scheduled", rules);
  }

  private static RecordedAttempt attemptWith(
      String deliveryId, int code, boolean retryFollows, AttemptRules rules) {
    return attemptWith(deliveryId, code, retryFollows, "scheduled", rules);
  }

  private static RecordedAttempt attemptWith(
      String deliveryId, int code, boolean retryFollows, String trigger, AttemptRules rules) {
    boolean success = code >= 200 && code < 300;
    return store
        .attemptRecords()
        .recordAttempt(
            deliveryId,
            UUID.randomUUID().toString(),
            new AttemptResult(trigger, Instant.now(), 10, code, null, null, success),
            retryFollows ? Optional.of(Instant.now().plusSeconds(30)) : Optional.empty(),
            rules);
  }

  private static DeliveryStatus status(String deliveryId) {
    return store.deliveryLog().findById(deliveryId).orElseThrow().status();
  }

  private static Instant nextRetryAt(String deliveryId) {
    return store.deliveryLog().findById(deliveryId).orElseThrow().nextRetryAt();
  }

  private static String operationalPayload(String deliveryId) {
    return store
        .jdbc()
        .sql(
            "select ev.payload from webhook_deliveries d join webhook_events ev"
                + " on ev.id = d.event_id where d.id = :id and d.endpoint_id = :endpointId")
        .param("id", deliveryId)
        .param("endpointId", OperationalEvents.ENDPOINT_ID)
        .query(String.class)
        .single();
  }
}
