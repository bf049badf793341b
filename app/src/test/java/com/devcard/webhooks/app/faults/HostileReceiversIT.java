package com.devcard.webhooks.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.app.AppClient;
import com.devcard.webhooks.app.AppTest;
import com.devcard.webhooks.app.TestUser;
import com.devcard.webhooks.testkit.HostileSocketServer;
import com.devcard.webhooks.testkit.HostileSocketServer.Script;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Receivers that never answer, that stream a 100 MB body or a header that never ends, that answer
 * byte by byte, driven through the running app: every delivery's first attempt ends within the
 * delivery timeout and is recorded, and the worker's memory does not grow with what the receivers
 * send.
 */
@AppTest
class HostileReceiversIT {

  private static final Logger log = LoggerFactory.getLogger(HostileReceiversIT.class);

  /** The test context's {@code WEBHOOKS_DELIVERY_TIMEOUT}. */
  private static final long TIMEOUT_MS = 2000;

  /** Scheduling slack on a busy 2-core machine, on top of the timeout. */
  private static final long SLACK_MS = 1500;

  private static final int EVENTS = 5;

  static final long HUGE_BODY_BYTES = 100L * 1024 * 1024;

  /** How each receiver misbehaves once it has read the request. */
  enum Behaviour {
    /** Never writes a byte. */
    SILENT(HostileSocketServer.silent()),
    /** A 200 at once, followed by a 100 MB body as fast as the socket takes it. */
    HUGE_BODY(HostileSocketServer.hugeBody(HUGE_BODY_BYTES)),
    /** The status line and headers, one byte every 200 ms. */
    TRICKLE_HEADERS(
        HostileSocketServer.trickle(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok",
            Duration.ofMillis(200))),
    /** A 200 with its headers at once, then the body one byte every 100 ms. */
    TRICKLE_BODY(
        HostileSocketServer.raw(
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n")
            .then(HostileSocketServer.trickle("x".repeat(100_000), Duration.ofMillis(100)))),
    /** A 200 whose first header never ends, written as fast as the socket takes it. */
    HEADER_BOMB(HostileSocketServer.endlessHeaderLine());

    final Script script;

    Behaviour(Script script) {
      this.script = script;
    }
  }

  static final Map<Behaviour, HostileSocketServer> receivers = new EnumMap<>(Behaviour.class);

  @Autowired JdbcClient jdbc;

  final AppClient app;
  final TestUser user;
  final Map<String, Behaviour> endpoints = new HashMap<>();

  HostileReceiversIT(@Autowired AppClient app) {
    this.app = app;
    this.user = app.newUser("hostile-receivers");
    for (Behaviour behaviour : Behaviour.values()) {
      receivers.computeIfAbsent(behaviour, b -> HostileSocketServer.start(b.script));
    }
  }

  /** Their later attempts are not this test's business: deactivating cancels them. */
  @AfterEach
  void deactivateEndpoints() {
    for (String endpointId : endpoints.keySet()) {
      app.patch("/api/webhooks/" + endpointId, user.token(), "{\"isActive\": false}");
    }
  }

  @AfterAll
  static void stopReceivers() throws Exception {
    for (HostileSocketServer receiver : receivers.values()) {
      receiver.close();
    }
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void everyFirstAttemptEndsWithinTheTimeoutAndMemoryStaysBounded() {
    for (Behaviour behaviour : Behaviour.values()) {
      endpoints.put(app.createEndpoint(user.token(), receivers.get(behaviour).url()), behaviour);
    }
    // One round first, so the baseline includes the worker's pollers and pools.
    dispatchAndAwaitFirstAttempts(1);
    long heapBefore = heapAfterGc();
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

    long dispatchedAt = System.nanoTime();
    List<JsonNode> deliveries = dispatchAndAwaitFirstAttempts(EVENTS);
    int total = EVENTS * Behaviour.values().length;
    assertThat(deliveries).hasSize(total);
    long allDoneMs = Duration.ofNanos(System.nanoTime() - dispatchedAt).toMillis();
    long heapAfter = heapAfterGc();
    int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
    log.info(
        "first attempts of {} hostile deliveries done in {} ms; heap after GC {} -> {} MB; threads {} -> {};"
            + " at most {} MB of a 100 MB body and {} MB of an endless header sent",
        total,
        allDoneMs,
        heapBefore >> 20,
        heapAfter >> 20,
        threadsBefore,
        threadsAfter,
        receivers.get(Behaviour.HUGE_BODY).mostBytesSentOnOneConnection() >> 20,
        receivers.get(Behaviour.HEADER_BOMB).mostBytesSentOnOneConnection() >> 20);

    for (JsonNode delivery : deliveries) {
      String endpointId = delivery.get("endpointId").asString();
      Behaviour behaviour = endpoints.get(endpointId);
      JsonNode detail =
          app.get(
                  "/api/webhooks/%s/deliveries/%s"
                      .formatted(endpointId, delivery.get("id").asString()),
                  user.token())
              .json();
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
        assertThat(detail.get("status").asString()).isNotEqualTo("success");
        assertThat(attempt.get("error").asString()).isEqualTo("response headers too large");
        assertThat(attempt.get("responseCode").isNull()).isTrue();
        assertThat(attempt.get("durationMs").asLong()).isLessThan(TIMEOUT_MS);
      } else {
        assertThat(detail.get("status").asString())
            .as("%s status", behaviour)
            .isNotEqualTo("success");
        assertThat(attempt.get("error").asString())
            .as("%s error", behaviour)
            .isEqualTo("timeout after 2s");
      }
    }
    // A success ends a delivery; a failure leaves it to its retries, which may have begun.
    assertThat(receivers.get(Behaviour.HUGE_BODY).requests()).isEqualTo(1 + EVENTS);
    for (HostileSocketServer receiver : receivers.values()) {
      assertThat(receiver.requests()).isGreaterThanOrEqualTo(1 + EVENTS);
    }
    // The client hangs up after the first 16 KiB: socket buffers hold a few MB at most.
    assertThat(receivers.get(Behaviour.HUGE_BODY).mostBytesSentOnOneConnection())
        .isLessThan(HUGE_BODY_BYTES / 4);
    assertThat(receivers.get(Behaviour.HEADER_BOMB).mostBytesSentOnOneConnection())
        .isLessThan(HUGE_BODY_BYTES / 4);
    assertThat(heapAfter - heapBefore).as("heap growth after GC").isLessThan(32L << 20);
    assertThat(threadsAfter - threadsBefore).as("platform thread growth").isLessThan(20);
  }

  /** Reports events, each to every endpoint, and waits until each delivery made its first try. */
  private List<JsonNode> dispatchAndAwaitFirstAttempts(int events) {
    List<JsonNode> deliveries = new ArrayList<>();
    for (int i = 0; i < events; i++) {
      Response dispatched = app.publish(user.id(), "{\"n\": %d}".formatted(i));
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
                                + " where user_id = :user and attempts = 0")
                        .param("user", user.id())
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
