package com.devcard.webhooks.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient;
import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.app.TestTokens;
import com.devcard.webhooks.app.WebhooksApplication;
import com.devcard.webhooks.app.faults.HostileReceiver.Behaviour;
import com.devcard.webhooks.testkit.WithWebhooksStack;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import tools.jackson.databind.JsonNode;

/**
 * Receivers that never answer, that stream 100 MB of body or of one header, that answer byte by
 * byte, driven through the running app: every attempt ends within the delivery timeout and is
 * recorded, and the worker's memory does not grow with what the receivers send.
 */
@WithWebhooksStack
@SpringBootTest(
    classes = WebhooksApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "webhooks.allow-http=true",
      "webhooks.allow-private-targets=true",
      "webhooks.delivery.timeout=2s",
      "webhooks.retry-delays="
    })
@DirtiesContext
class HostileReceiversIT {

  private static final Logger log = LoggerFactory.getLogger(HostileReceiversIT.class);
  private static final long TIMEOUT_MS = 2000;

  /** Scheduling slack on a busy 2-core machine, on top of the timeout. */
  private static final long SLACK_MS = 1500;

  private static final int EVENTS = 5;

  static final Map<Behaviour, HostileReceiver> receivers = new EnumMap<>(Behaviour.class);

  @LocalServerPort int port;

  @Value("${webhooks.jwt.secret}")
  String jwtSecret;

  @Autowired JdbcClient jdbc;

  ApiClient api;
  TestTokens tokens;

  @BeforeEach
  void setUp() {
    api = new ApiClient(port);
    tokens = new TestTokens(jwtSecret);
    for (Behaviour behaviour : Behaviour.values()) {
      receivers.computeIfAbsent(behaviour, HostileReceiver::start);
    }
  }

  @AfterAll
  static void stopReceivers() throws Exception {
    for (HostileReceiver receiver : receivers.values()) {
      receiver.close();
    }
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void everyAttemptEndsWithinTheTimeoutAndMemoryStaysBounded() {
    String user = "hostile-receivers-user";
    Map<String, Behaviour> endpoints = new HashMap<>();
    for (Behaviour behaviour : Behaviour.values()) {
      Response created =
          api.post(
              "/api/webhooks",
              tokens.user(user),
              "{\"url\": \"%s\", \"events\": [\"card.viewed\"]}"
                  .formatted(receivers.get(behaviour).url()));
      assertThat(created.status()).isEqualTo(201);
      endpoints.put(created.json().get("id").asString(), behaviour);
    }
    String publisher = tokens.withScope("devcard-backend", "events:publish");
    // One round first, so the baseline includes the worker's pollers and pools.
    dispatchAndAwaitEnd(user, publisher, 1);
    long heapBefore = heapAfterGc();
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

    long dispatchedAt = System.nanoTime();
    List<JsonNode> deliveries = dispatchAndAwaitEnd(user, publisher, EVENTS);
    int total = EVENTS * Behaviour.values().length;
    assertThat(deliveries).hasSize(total);
    long allDoneMs = Duration.ofNanos(System.nanoTime() - dispatchedAt).toMillis();
    long heapAfter = heapAfterGc();
    int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
    log.info(
        "{} hostile deliveries done in {} ms; heap after GC {} -> {} MB; threads {} -> {};"
            + " at most {} MB of a 100 MB body and {} MB of a 100 MB header sent",
        total,
        allDoneMs,
        heapBefore >> 20,
        heapAfter >> 20,
        threadsBefore,
        threadsAfter,
        receivers.get(Behaviour.HUGE_BODY).maxBodyBytesSent() >> 20,
        receivers.get(Behaviour.HEADER_BOMB).maxBodyBytesSent() >> 20);

    for (JsonNode delivery : deliveries) {
      String endpointId = delivery.get("endpointId").asString();
      Behaviour behaviour = endpoints.get(endpointId);
      JsonNode detail =
          api.get(
                  "/api/webhooks/%s/deliveries/%s"
                      .formatted(endpointId, delivery.get("id").asString()),
                  tokens.user(user))
              .json();
      assertThat(detail.get("attempts").asInt()).as("%s attempts", behaviour).isEqualTo(1);
      JsonNode attempt = detail.get("attemptLog").get(0);
      assertThat(attempt.get("durationMs").asLong())
          .as("%s attempt duration", behaviour)
          .isLessThanOrEqualTo(TIMEOUT_MS + SLACK_MS);
      if (behaviour == Behaviour.HUGE_BODY) {
        // A 200 within the timeout is a success; only the first 16 KiB of the body are kept.
        assertThat(detail.get("status").asString()).isEqualTo("success");
        assertThat(attempt.get("responseCode").asInt()).isEqualTo(200);
        assertThat(attempt.get("responseBody").asString().length()).isLessThanOrEqualTo(16 * 1024);
      } else if (behaviour == Behaviour.HEADER_BOMB) {
        // Refused after 64 KiB of head: a failed attempt like any other, well before the timeout.
        assertThat(detail.get("status").asString()).isEqualTo("failed");
        assertThat(attempt.get("error").asString()).isEqualTo("response headers too large");
        assertThat(attempt.get("responseCode").isNull()).isTrue();
        assertThat(attempt.get("durationMs").asLong()).isLessThan(TIMEOUT_MS);
      } else {
        assertThat(detail.get("status").asString()).as("%s status", behaviour).isEqualTo("failed");
        assertThat(attempt.get("error").asString())
            .as("%s error", behaviour)
            .isEqualTo("timeout after 2s");
      }
    }
    for (HostileReceiver receiver : receivers.values()) {
      assertThat(receiver.requests()).isEqualTo(1 + EVENTS);
    }
    // The client hangs up after the first 16 KiB: socket buffers hold a few MB at most.
    assertThat(receivers.get(Behaviour.HUGE_BODY).maxBodyBytesSent())
        .isLessThan(HostileReceiver.HUGE_BODY_BYTES / 4);
    assertThat(receivers.get(Behaviour.HEADER_BOMB).maxBodyBytesSent())
        .isLessThan(HostileReceiver.HUGE_BODY_BYTES / 4);
    assertThat(heapAfter - heapBefore).as("heap growth after GC").isLessThan(32L << 20);
    assertThat(threadsAfter - threadsBefore).as("platform thread growth").isLessThan(20);
  }

  /** Reports events, each to every endpoint, and waits until all of their deliveries ended. */
  private List<JsonNode> dispatchAndAwaitEnd(String user, String publisher, int events) {
    List<JsonNode> deliveries = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      Response dispatched =
          api.post(
              "/api/events",
              publisher,
              "{\"userId\": \"%s\", \"type\": \"card.viewed\", \"data\": {\"n\": %d}}"
                  .formatted(user, i));
      assertThat(dispatched.status()).isEqualTo(202);
      dispatched.json().get("deliveries").values().forEach(deliveries::add);
    }
    await()
        .atMost(Duration.ofSeconds(40))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                jdbc.sql(
                            "select count(*) from webhook_deliveries"
                                + " where user_id = :user and status = 'pending'")
                        .param("user", user)
                        .query(Long.class)
                        .single()
                    == 0);
    return deliveries;
  }

  private static long heapAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }
}
