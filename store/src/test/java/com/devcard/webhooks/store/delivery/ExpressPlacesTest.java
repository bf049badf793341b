package com.devcard.webhooks.store.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.store.testing.TestStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A dispatch gives out its user's places on the express lane, and never more than there are. */
class ExpressPlacesTest {

  private static final int PLACES = 2;

  private static final TestStore store = TestStore.fresh();

  private final String user = "user-" + UUID.randomUUID();

  private List<Boolean> dispatch() {
    return store.event(user, null).expressPerUser(PLACES).dispatch().deliveries().stream()
        .map(DispatchedDelivery::express)
        .toList();
  }

  private String expressDelivery() {
    DispatchedDelivery delivery =
        store.event(user, null).expressPerUser(PLACES).dispatch().deliveries().getFirst();
    assertThat(delivery.express()).isTrue();
    return delivery.id();
  }

  @Test
  void aUsersFirstDeliveriesUpToItsPlacesGoExpressAndTheNextWaitForAdmission() {
    store.newEndpoint(user);

    assertThat(List.of(dispatch(), dispatch(), dispatch()))
        .containsExactly(List.of(true), List.of(true), List.of(false));
  }

  @Test
  void anEventForMoreEndpointsThanPlacesSendsOnlyThatManyExpress() {
    for (int i = 0; i < 3; i++) {
      store.newEndpoint(user);
    }

    assertThat(dispatch()).containsExactlyInAnyOrder(true, true, false);
    assertThat(dispatch()).containsOnly(false);
  }

  @Test
  void anAdmittedDeliveryKeepsItsPlaceUntilItFinishes() {
    store.newEndpoint(user);
    String first = expressDelivery();
    String second = expressDelivery();
    store.pending().markWorkflowStarted(List.of(first, second));

    store.recordAttempt(first, success());

    assertThat(dispatch()).as("the place the finished one gave back").containsExactly(true);
    assertThat(dispatch()).as("the admitted one still holds its place").containsExactly(false);
  }

  @Test
  void withNoPlacesNothingGoesExpress() {
    store.newEndpoint(user);

    assertThat(store.event(user, null).dispatch().deliveries())
        .extracting(DispatchedDelivery::express)
        .containsExactly(false);
  }

  @Test
  void aDispatchThatMayTakeTheLastPlaceWaitsForAnotherOfTheSameUserToCommit() throws Exception {
    store.newEndpoint(user);
    expressDelivery(); // one of the two places taken
    TransactionTemplate held =
        new TransactionTemplate(new DataSourceTransactionManager(store.dataSource()));
    CountDownLatch commit = new CountDownLatch(1);
    AtomicInteger dispatched = new AtomicInteger();
    List<Future<List<Boolean>>> both = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      for (int i = 0; i < 2; i++) {
        both.add(
            pool.submit(
                () ->
                    held.execute(
                        status -> {
                          List<Boolean> express = dispatch();
                          dispatched.incrementAndGet();
                          awaitQuietly(commit);
                          return express;
                        })));
      }
      // Both in their transactions at once: the second waits for the first's lock, or, were there
      // none, has dispatched too.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  dispatched.get() == 2
                      || (dispatched.get() == 1 && store.sessionsWaitingForALock() > 0));
      commit.countDown();

      List<Boolean> express = new ArrayList<>(both.get(0).get());
      express.addAll(both.get(1).get());
      assertThat(express).containsExactlyInAnyOrder(true, false);
    } finally {
      commit.countDown();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static AttemptResult success() {
    return new AttemptResult("scheduled", Instant.now(), 80, 200, "ok", null, true);
  }
}
