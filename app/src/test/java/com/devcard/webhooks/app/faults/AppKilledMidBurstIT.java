package com.devcard.webhooks.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient;
import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.app.AppClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app, a separate JVM, is killed with SIGKILL in the middle of a burst of 500 deliveries and
 * started again. PostgreSQL and Temporal belong to the test and keep running. Nothing is lost,
 * nothing is counted twice: every delivery ends {@code success} after one recorded attempt, the
 * receiver sees a request twice only under the same {@code webhook-id} with the same body, and the
 * attempt log has no gap.
 */
class AppKilledMidBurstIT {

  private static final Logger log = LoggerFactory.getLogger(AppKilledMidBurstIT.class);
  private static final int EVENTS = 100;
  private static final int ENDPOINTS = 5;
  private static final int DELIVERIES = EVENTS * ENDPOINTS;
  private static final String USER = "burst-user";

  ExternalServers servers;
  RecordingReceiver receiver;
  AppProcess app;

  @BeforeEach
  void startServers() {
    servers = ExternalServers.start();
    receiver = servers.receiver();
    Map<String, String> environment = servers.environment();
    // The burst is one user's: every delivery may be under way at once, so that the kill meets
    // attempts in flight whatever this machine's pace (fairness between users is tested apart).
    environment.put("WEBHOOKS_ADMISSION_PER_USER", String.valueOf(DELIVERIES));
    app = new AppProcess("killed-mid-burst", environment);
  }

  @AfterEach
  void stopServers() throws Exception {
    app.close();
    servers.close();
  }

  @Test
  @Timeout(value = 6, unit = TimeUnit.MINUTES)
  void everyDeliveryEndsSuccessOnceAfterTheAppIsKilledMidBurst() throws Exception {
    app.start();
    AppClient api = new AppClient(app.port(), servers.jwtSecret());
    for (int i = 0; i < ENDPOINTS; i++) {
      api.createEndpoint(api.tokens().user(USER), receiver.url("/hook-" + i));
    }
    String publisher = api.publisher();

    Set<Integer> accepted = ConcurrentHashMap.newKeySet();
    ExecutorService senders = Executors.newFixedThreadPool(4);
    for (int sender = 0; sender < 4; sender++) {
      int first = sender;
      senders.execute(
          () -> {
            for (int event = first; event < EVENTS; event += 4) {
              try {
                if (publish(api, publisher, event).status() == 202) {
                  accepted.add(event);
                }
              } catch (RuntimeException killed) {
                // The app died under this request: whether it was stored is for the retry to find.
              }
            }
          });
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> receiver.count() >= DELIVERIES / 4);
    app.kill();
    int receivedAtKill = receiver.count();
    long successAtKill =
        new DeliveryLog(servers.postgres().jdbc("postgres")).countWithStatus(USER, "success");
    senders.shutdown();
    assertThat(senders.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    log.info(
        "killed with {} of {} events accepted, {} requests received, {} deliveries recorded",
        accepted.size(),
        EVENTS,
        receivedAtKill,
        successAtKill);
    assertThat(successAtKill).as("the kill came mid-burst").isLessThan(DELIVERIES);

    long restartedAt = System.nanoTime();
    app.start();
    // A client that saw no answer sends the same event again, with the same idempotency key.
    for (int event = 0; event < EVENTS; event++) {
      if (!accepted.contains(event)) {
        Response again = publish(api, publisher, event);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("deliveries").size()).isEqualTo(ENDPOINTS);
      }
    }

    DeliveryLog deliveryLog = new DeliveryLog(servers.postgres().jdbc("postgres"));
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> deliveryLog.countWithStatus(USER, "success") == DELIVERIES);
    log.info(
        "all {} deliveries succeeded {} s after the restart; the receiver saw {} requests",
        DELIVERIES,
        Duration.ofNanos(System.nanoTime() - restartedAt).toSeconds(),
        receiver.count());

    List<DeliveryLog.Row> deliveries = deliveryLog.deliveries(USER);
    assertThat(deliveries).hasSize(DELIVERIES);
    assertThat(deliveries).allSatisfy(row -> assertThat(row.attempts()).isEqualTo(1));
    deliveryLog.assertConsistent(USER);

    Set<String> deliveryIds =
        deliveries.stream().map(DeliveryLog.Row::id).collect(Collectors.toSet());
    assertThat(new HashSet<>(receiver.webhookIds())).isEqualTo(deliveryIds);
    receiver.assertRepeatsCarryTheSameBody();
  }

  private static Response publish(ApiClient api, String publisher, int event) {
    return api.post(
        "/api/events",
        publisher,
        "{\"id\": \"burst-%d\", \"userId\": \"%s\", \"type\": \"card.viewed\", \"data\": {\"n\": %d}}"
            .formatted(event, USER, event));
  }
}
