package com.devcard.webhooks.store.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.store.Ids;
import com.devcard.webhooks.store.endpoint.NewEndpoint;
import com.devcard.webhooks.store.testing.TestStore;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class DispatchRepositoryTest {

  private static final List<Duration> DELAYS =
      List.of(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(30));

  private static final TestStore store = TestStore.fresh();
  private static final DispatchRepository dispatches = store.dispatches();

  private final String user = "user-" + UUID.randomUUID();

  private String endpoint(String url, String... events) {
    return store
        .endpoints()
        .create(new NewEndpoint(user, url, List.of(events), null), 10)
        .endpoint()
        .id();
  }

  private NewEvent event(String type, String idempotencyKey) {
    return new NewEvent(
        Ids.newId("evt"),
        user,
        idempotencyKey,
        type,
        "{\"type\":\"" + type + "\"}",
        Instant.now().truncatedTo(ChronoUnit.MICROS),
        DELAYS,
        null);
  }

  private long count(String table) {
    return store
        .jdbc()
        .sql("select count(*) from " + table + " where user_id = :user")
        .param("user", user)
        .query(Long.class)
        .single();
  }

  @Test
  void dispatchCreatesOnePendingDeliveryPerSubscribedActiveEndpoint() {
    String paid = endpoint("https://a.example.com", "invoice.paid");
    String both = endpoint("https://b.example.com", "card.viewed", "invoice.paid");
    endpoint("https://c.example.com", "card.viewed");
    String inactive = endpoint("https://d.example.com", "invoice.paid");
    store.setActive(user, inactive, false);
    String deleted = endpoint("https://e.example.com", "invoice.paid");
    store.endpoints().delete(user, deleted);
    NewEvent event = event("invoice.paid", null);

    DispatchResult result = dispatches.dispatch(event, 0);

    assertThat(result.created()).isTrue();
    assertThat(result.eventId()).isEqualTo(event.eventId());
    assertThat(result.deliveries())
        .extracting(DispatchedDelivery::endpointId)
        .containsExactlyInAnyOrder(paid, both);
    assertThat(result.deliveries()).extracting(DispatchedDelivery::id).isSorted();
    DispatchedDelivery first = result.deliveries().getFirst();
    assertThat(first.id()).startsWith("dlv_");
    assertThat(first.userId()).isEqualTo(user);
    assertThat(first.eventType()).isEqualTo("invoice.paid");
    assertThat(first.retryDelays()).isEqualTo(DELAYS);
    assertThat(result.deliveries())
        .extracting(DispatchedDelivery::endpointUrl)
        .containsExactlyInAnyOrder("https://a.example.com", "https://b.example.com");

    Delivery stored = store.deliveryLog().find(user, first.endpointId(), first.id()).orElseThrow();
    assertThat(stored.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(stored.attempts()).isZero();
    assertThat(stored.eventId()).isEqualTo(event.eventId());
    assertThat(stored.createdAt()).isEqualTo(event.createdAt());
    assertThat(stored.responseCode()).isNull();
    assertThat(stored.nextRetryAt()).isNull();
  }

  @Test
  void anEventNoEndpointWantsIsStoredWithoutDeliveries() {
    endpoint("https://a.example.com", "card.viewed");

    DispatchResult result = dispatches.dispatch(event("invoice.paid", null), 0);

    assertThat(result.created()).isTrue();
    assertThat(result.deliveries()).isEmpty();
    assertThat(count("webhook_events")).isOne();
  }

  @Test
  void anotherUsersEndpointsAreNeverTargeted() {
    store
        .endpoints()
        .create(new NewEndpoint("other-" + user, "https://x.example.com", List.of("a"), null), 5);

    assertThat(dispatches.dispatch(event("a", null), 0).deliveries()).isEmpty();
  }

  @Test
  void theSameIdempotencyKeyTwiceGivesTheSameAnswerAndCreatesNothing() {
    endpoint("https://a.example.com", "invoice.paid");
    endpoint("https://b.example.com", "invoice.paid");
    DispatchResult first = dispatches.dispatch(event("invoice.paid", "key-1"), 0);
    endpoint("https://c.example.com", "invoice.paid");

    DispatchResult second = dispatches.dispatch(event("invoice.paid", "key-1"), 0);

    assertThat(second.created()).isFalse();
    assertThat(second.eventId()).isEqualTo(first.eventId());
    assertThat(second.deliveries()).isEqualTo(first.deliveries());
    assertThat(count("webhook_events")).isOne();
    assertThat(count("webhook_deliveries")).isEqualTo(2);
  }

  @Test
  void eventsWithoutIdempotencyKeyAreNeverDeduplicated() {
    endpoint("https://a.example.com", "invoice.paid");

    DispatchResult first = dispatches.dispatch(event("invoice.paid", null), 0);
    DispatchResult second = dispatches.dispatch(event("invoice.paid", null), 0);

    assertThat(second.created()).isTrue();
    assertThat(second.eventId()).isNotEqualTo(first.eventId());
    assertThat(count("webhook_deliveries")).isEqualTo(2);
  }

  @Test
  void concurrentDispatchesWithOneKeyMakeOneEventAndGiveOneAnswer() throws Exception {
    endpoint("https://a.example.com", "invoice.paid");
    endpoint("https://b.example.com", "invoice.paid");
    ExecutorService pool = Executors.newFixedThreadPool(10);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<DispatchResult>> futures = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        NewEvent event = event("invoice.paid", "same-key");
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return dispatches.dispatch(event, 0);
                }));
      }
      start.countDown();
      List<DispatchResult> results = new ArrayList<>();
      for (Future<DispatchResult> future : futures) {
        results.add(future.get());
      }

      assertThat(results).filteredOn(DispatchResult::created).hasSize(1);
      DispatchResult winner =
          results.stream().filter(DispatchResult::created).findFirst().orElseThrow();
      assertThat(results)
          .allSatisfy(
              r -> {
                assertThat(r.eventId()).isEqualTo(winner.eventId());
                assertThat(r.deliveries()).isEqualTo(winner.deliveries());
              });
      assertThat(count("webhook_events")).isOne();
      assertThat(count("webhook_deliveries")).isEqualTo(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theSameKeyIsIndependentPerUser() {
    endpoint("https://a.example.com", "a");
    dispatches.dispatch(event("a", "shared-key"), 0);
    NewEvent otherUsers =
        new NewEvent(
            Ids.newId("evt"),
            "other-" + user,
            "shared-key",
            "a",
            "{}",
            Instant.now(),
            DELAYS,
            null);

    assertThat(dispatches.dispatch(otherUsers, 0).created()).isTrue();
  }

  @Test
  void aTestEventTargetsOnlyTheGivenEndpointWhateverItsSubscriptions() {
    String target = endpoint("https://a.example.com", "card.viewed");
    endpoint("https://b.example.com", "webhook.test");
    store.setActive(user, target, false);
    NewEvent test =
        new NewEvent(
            Ids.newId("evt"), user, null, "webhook.test", "{}", Instant.now(), DELAYS, target);

    DispatchResult result = dispatches.dispatch(test, 0);

    assertThat(result.deliveries())
        .extracting(DispatchedDelivery::endpointId)
        .containsExactly(target);
  }

  @Test
  void aTestEventForAnotherUsersOrADeletedEndpointTargetsNothing() {
    String othersEndpoint =
        store
            .endpoints()
            .create(
                new NewEndpoint("other-" + user, "https://x.example.com", List.of("a"), null), 5)
            .endpoint()
            .id();
    String deleted = endpoint("https://a.example.com", "a");
    store.endpoints().delete(user, deleted);

    for (String target : List.of(othersEndpoint, deleted, "ep_unknown")) {
      NewEvent test =
          new NewEvent(
              Ids.newId("evt"), user, null, "webhook.test", "{}", Instant.now(), DELAYS, target);
      assertThat(dispatches.dispatch(test, 0).deliveries()).isEmpty();
    }
  }

  @Test
  void theEventAndItsPayloadAreStored() {
    String endpointId = endpoint("https://a.example.com", "a");
    NewEvent event = event("a", "k");

    DispatchedDelivery delivery = dispatches.dispatch(event, 0).deliveries().getFirst();

    DeliveryDetail detail =
        store.deliveryLog().findDetail(user, endpointId, delivery.id()).orElseThrow();
    assertThat(detail.payload()).isEqualTo(event.payload());
    assertThat(detail.attemptLog()).isEmpty();
  }

  @Test
  void deletingAnEndpointDuringADispatchCancelsTheDeliveryThatDispatchCreates() throws Exception {
    String endpointId = endpoint("https://a.example.com", "a");
    TransactionTemplate outer =
        new TransactionTemplate(new DataSourceTransactionManager(store.dataSource()));
    CountDownLatch dispatched = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<DispatchResult> dispatch =
          pool.submit(
              () ->
                  outer.execute(
                      status -> {
                        DispatchResult result = dispatches.dispatch(event("a", null), 0);
                        dispatched.countDown();
                        awaitQuietly(commit);
                        return result;
                      }));
      assertThat(dispatched.await(10, TimeUnit.SECONDS)).isTrue();

      Future<Optional<List<String>>> delete =
          pool.submit(() -> store.endpoints().delete(user, endpointId));
      await().atMost(Duration.ofSeconds(10)).until(() -> store.sessionsWaitingForALock() > 0);
      assertThat(delete).as("delete waits for the dispatch to commit").isNotDone();
      commit.countDown();

      String deliveryId = dispatch.get().deliveries().getFirst().id();
      assertThat(delete.get()).contains(List.of(deliveryId));
      assertThat(
              store.attemptRecords().loadForAttempt(deliveryId).orElseThrow().delivery().status())
          .isEqualTo(DeliveryStatus.CANCELLED);
    } finally {
      commit.countDown();
      pool.shutdownNow();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
