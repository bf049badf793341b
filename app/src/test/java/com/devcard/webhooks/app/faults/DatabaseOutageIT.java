package com.devcard.webhooks.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.app.AppClient;
import com.devcard.webhooks.app.TestUser;
import com.devcard.webhooks.testkit.PostgresServer;
import com.devcard.webhooks.testkit.WebhooksStack;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * PostgreSQL is stopped for 10 s while deliveries are on their way, then started again on the same
 * port and data. Every delivery completes, and the outage uses up none of their attempts: a
 * database failure is retried by Temporal, never counted as a failed attempt.
 */
@FaultsAppTest
class DatabaseOutageIT {

  private static final Duration OUTAGE = Duration.ofSeconds(10);
  private static final int BEFORE_OUTAGE = 30;
  private static final int DURING_OUTAGE = 5;

  static final RecordingReceiver receiver = RecordingReceiver.start();

  @Autowired AppClient app;
  @Autowired WebhooksStack stack;

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void deliveriesRunningThroughAnOutageCompleteWithoutUsingUpAnAttempt() {
    PostgresServer postgres = stack.postgres();
    TestUser outageUser = app.newUser("outage");
    app.createEndpoint(outageUser.token(), receiver.url("/hook"));
    String user = outageUser.id();

    // Every attempt is held at the receiver, so the outage begins while all of them are under way.
    receiver.closeGate();
    for (int i = 0; i < BEFORE_OUTAGE; i++) {
      assertThat(publish(user, i).status()).isEqualTo(202);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> receiver.waiting() == BEFORE_OUTAGE);

    List<CompletableFuture<Response>> duringOutage;
    postgres.stop();
    // The outage lasts its length by design: the restart is scheduled for then.
    CompletableFuture<Void> restarted =
        CompletableFuture.runAsync(
            postgres::startAgain,
            CompletableFuture.delayedExecutor(OUTAGE.toMillis(), TimeUnit.MILLISECONDS));
    try {
      receiver.openGate();
      // Events reported during the outage: each is answered once the database is back, never 500.
      duringOutage =
          IntStream.range(BEFORE_OUTAGE, BEFORE_OUTAGE + DURING_OUTAGE)
              .mapToObj(i -> CompletableFuture.supplyAsync(() -> publish(user, i)))
              .toList();
      // Every held attempt has its answer while the database is down: recording it meets the
      // outage.
      await().atMost(OUTAGE).until(() -> receiver.answered() >= BEFORE_OUTAGE);
      assertThat(restarted).as("PostgreSQL still down").isNotDone();
    } finally {
      restarted.join();
    }

    Set<Integer> statuses =
        duringOutage.stream()
            .map(CompletableFuture::join)
            .map(Response::status)
            .collect(Collectors.toSet());
    assertThat(statuses).isSubsetOf(202, 503);
    int expected =
        BEFORE_OUTAGE + (int) duringOutage.stream().filter(f -> f.join().status() == 202).count();

    DeliveryLog deliveryLog = new DeliveryLog(stack.jdbc());
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> deliveryLog.countWithStatus(user, "success") == expected);

    List<DeliveryLog.Row> deliveries = deliveryLog.deliveries(user);
    assertThat(deliveries).hasSize(expected);
    assertThat(deliveries)
        .allSatisfy(
            row -> {
              assertThat(row.status()).isEqualTo("success");
              assertThat(row.attempts()).as("attempts of %s", row.id()).isEqualTo(1);
            });
    deliveryLog.assertConsistent(user);
    assertThat(new HashSet<>(receiver.webhookIds()))
        .isEqualTo(deliveries.stream().map(DeliveryLog.Row::id).collect(Collectors.toSet()));
  }

  private Response publish(String user, int n) {
    return app.publish(user, "{\"n\": %d}".formatted(n));
  }
}
