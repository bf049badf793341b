package com.devcard.webhooks.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient;
import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.app.TestTokens;
import com.devcard.webhooks.app.WebhooksApplication;
import com.devcard.webhooks.testkit.PostgresServer;
import com.devcard.webhooks.testkit.WithWebhooksStack;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * PostgreSQL is stopped for 10 s while deliveries are on their way, then started again on the same
 * port and data. Every delivery completes, and the outage uses up none of their attempts: a
 * database failure is retried by Temporal, never counted as a failed attempt.
 */
@WithWebhooksStack
@SpringBootTest(
    classes = WebhooksApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "webhooks.allow-http=true",
      "webhooks.allow-private-targets=true",
      "spring.datasource.username=postgres",
      "spring.datasource.password=",
      "webhooks.delivery.timeout=20s",
      "webhooks.retry-delays=1s,1s,1s"
    })
@DirtiesContext
class DatabaseOutageIT {

  private static final Duration OUTAGE = Duration.ofSeconds(10);
  private static final int BEFORE_OUTAGE = 30;
  private static final int DURING_OUTAGE = 5;

  static final PostgresServer postgres = PostgresServer.throwaway();
  static final RecordingReceiver receiver = RecordingReceiver.start();

  @DynamicPropertySource
  static void serversOfTheTest(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", postgres::jdbcUrl);
  }

  @LocalServerPort int port;

  @Value("${webhooks.jwt.secret}")
  String jwtSecret;

  @Autowired ConfigurableApplicationContext context;

  @BeforeEach
  void closeServersWithTheApp() {
    CloseWithContext.register(context, receiver, postgres);
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void deliveriesRunningThroughAnOutageCompleteWithoutUsingUpAnAttempt()
      throws InterruptedException {
    ApiClient api = new ApiClient(port);
    TestTokens tokens = new TestTokens(jwtSecret);
    String user = "outage-user";
    Response endpoint =
        api.post(
            "/api/webhooks",
            tokens.user(user),
            "{\"url\": \"%s\", \"events\": [\"card.viewed\"]}".formatted(receiver.url("/hook")));
    assertThat(endpoint.status()).isEqualTo(201);
    String publisher = tokens.withScope("devcard-backend", "events:publish");

    // Every attempt is held at the receiver, so the outage begins while all of them are under way.
    receiver.closeGate();
    for (int i = 0; i < BEFORE_OUTAGE; i++) {
      assertThat(publish(api, publisher, user, i).status()).isEqualTo(202);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> receiver.waiting() == BEFORE_OUTAGE);

    postgres.stop();
    long stoppedAt = System.nanoTime();
    receiver.openGate();
    // Events reported during the outage: each is answered once the database is back, never 500.
    List<CompletableFuture<Response>> duringOutage =
        IntStream.range(BEFORE_OUTAGE, BEFORE_OUTAGE + DURING_OUTAGE)
            .mapToObj(i -> CompletableFuture.supplyAsync(() -> publish(api, publisher, user, i)))
            .toList();
    // The outage itself: nothing to wait for but time.
    Thread.sleep(OUTAGE.minusNanos(System.nanoTime() - stoppedAt).toMillis());
    postgres.startAgain();

    Set<Integer> statuses =
        duringOutage.stream()
            .map(CompletableFuture::join)
            .map(Response::status)
            .collect(Collectors.toSet());
    assertThat(statuses).isSubsetOf(202, 503);
    int expected =
        BEFORE_OUTAGE + (int) duringOutage.stream().filter(f -> f.join().status() == 202).count();

    DeliveryLog deliveryLog = new DeliveryLog(postgres.jdbc("postgres"));
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

  private static Response publish(ApiClient api, String publisher, String user, int n) {
    return api.post(
        "/api/events",
        publisher,
        "{\"userId\": \"%s\", \"type\": \"card.viewed\", \"data\": {\"n\": %d}}"
            .formatted(user, n));
  }
}
