package com.devcard.webhooks.store.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.store.Ids;
import com.devcard.webhooks.store.delivery.AttemptResult;
import com.devcard.webhooks.store.delivery.NewEvent;
import com.devcard.webhooks.store.endpoint.NewEndpoint;
import com.devcard.webhooks.store.testing.TestStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Health kept by recording attempts, read without the delivery log. */
class EndpointHealthRepositoryTest {

  private static final List<Duration> ONE_RETRY = List.of(Duration.ofSeconds(30));

  private static TestStore store;
  private static EndpointHealthRepository health;

  private final String user = "user-" + UUID.randomUUID();
  private final String endpointId =
      store
          .endpoints()
          .create(new NewEndpoint(user, "https://hooks.example.com/in", List.of("a"), null), 10)
          .endpoint()
          .id();

  @BeforeAll
  static void database() {
    store = TestStore.fresh();
    health = new EndpointHealthRepository(store.jdbc());
  }

  @Test
  void anEndpointNeverTriedHasNoHealthYet() {
    assertThat(health.of(List.of(endpointId), Instant.now()))
        .containsEntry(endpointId, EndpointHealth.NONE);
  }

  @Test
  void theFirstDeliveryToEndFailedSetsFailingSinceAndASuccessClearsIt() {
    Instant t0 = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
    String first = deliver();
    String second = deliver();

    attempt(first, t0, false, true); // attempt 1 of 2: a retry follows
    attempt(first, t0.plusSeconds(10), false, false); // the last: first ends failed
    attempt(second, t0.plusSeconds(20), false, true);
    attempt(second, t0.plusSeconds(30), false, false); // second ends failed later

    EndpointHealth failing = now();
    assertThat(failing.failingSince()).isEqualTo(ended(t0.plusSeconds(10)));
    assertThat(failing.lastFailureAt()).isEqualTo(ended(t0.plusSeconds(30)));
    assertThat(failing.lastSuccessAt()).isNull();
    assertThat(failing.failedLast24h()).isEqualTo(2);
    assertThat(failing.succeededLast24h()).isZero();

    String third = deliver();
    attempt(third, t0.plusSeconds(40), true, true);

    EndpointHealth recovered = now();
    assertThat(recovered.failingSince()).isNull();
    assertThat(recovered.lastSuccessAt()).isEqualTo(ended(t0.plusSeconds(40)));
    assertThat(recovered.lastFailureAt()).isEqualTo(ended(t0.plusSeconds(30)));
    assertThat(recovered.succeededLast24h()).isEqualTo(1);
    assertThat(recovered.failedLast24h()).isEqualTo(2);
  }

  @Test
  void anotherFailedAttemptOnAFailedDeliveryIsNotCountedAgain() {
    String delivery = deliver();
    attempt(delivery, Instant.now(), false, false);
    attempt(delivery, Instant.now(), false, false); // a bulk recovery's attempt, say

    assertThat(now().failedLast24h()).isEqualTo(1);
  }

  @Test
  void aFailedAttemptWithRetriesLeftIsAFailureButEndsNoDelivery() {
    attempt(deliver(), Instant.now(), false, true);

    EndpointHealth health = now();
    assertThat(health.lastFailureAt()).isNotNull();
    assertThat(health.failingSince()).isNull();
    assertThat(health.failedLast24h()).isZero();
  }

  @Test
  void last24hCountsTheCurrentHourAndThe23BeforeItAndOlderCountersAreSweptAway() {
    Instant now = Instant.parse("2026-03-01T12:30:00Z");
    attempt(deliver(), now.minus(Duration.ofHours(23)), true, false); // 13:xx the day before
    attempt(deliver(), now.minus(Duration.ofHours(24)), true, false); // 12:xx: too old

    EndpointHealth counted = health.of(List.of(endpointId), now).get(endpointId);
    assertThat(counted.succeededLast24h()).isEqualTo(1);

    int deleted =
        health.deleteCountersBefore(
            now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(23)), 100);
    assertThat(deleted).isGreaterThanOrEqualTo(1);
    assertThat(health.of(List.of(endpointId), now).get(endpointId).succeededLast24h()).isEqualTo(1);
  }

  @Test
  void theHealthOfSeveralEndpointsIsReadInOneGo() {
    String other =
        store
            .endpoints()
            .create(new NewEndpoint(user, "https://hooks.example.com/b", List.of("a"), null), 10)
            .endpoint()
            .id();
    attempt(deliver(), Instant.now(), true, false);

    Map<String, EndpointHealth> both = health.of(List.of(endpointId, other), Instant.now());

    assertThat(both.get(endpointId).succeededLast24h()).isEqualTo(1);
    assertThat(both.get(other)).isEqualTo(EndpointHealth.NONE);
  }

  private EndpointHealth now() {
    return health.of(List.of(endpointId), Instant.now()).get(endpointId);
  }

  private String deliver() {
    NewEvent event =
        new NewEvent(Ids.newId("evt"), user, null, "a", "{}", Instant.now(), ONE_RETRY, endpointId);
    return store.dispatches().dispatch(event).deliveries().getFirst().id();
  }

  /** An attempt of 100 ms started at {@code startedAt}. */
  private static void attempt(
      String deliveryId, Instant startedAt, boolean success, boolean retryFollows) {
    store
        .attemptRecords()
        .recordAttempt(
            deliveryId,
            UUID.randomUUID().toString(),
            new AttemptResult(
                "scheduled", startedAt, 100, success ? 200 : 503, null, null, success),
            retryFollows ? Optional.of(startedAt.plusSeconds(30)) : Optional.empty());
  }

  private static Instant ended(Instant startedAt) {
    return startedAt.plusMillis(100);
  }
}
