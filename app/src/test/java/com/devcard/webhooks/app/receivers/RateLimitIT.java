package com.devcard.webhooks.app.receivers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.api.event.Dispatcher;
import com.devcard.webhooks.app.ApiClient;
import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.app.AppTest;
import com.devcard.webhooks.app.TestTokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An endpoint's rate limit on the running app: a burst dispatched in one go reaches the receiver no
 * faster than the limit, every delivery still arrives, none used up an attempt waiting, and most
 * waited for their slot once only.
 */
@AppTest
class RateLimitIT {

  private static final int LIMIT = 20;
  private static final int BURST = 70;

  static WireMockServer receiver;

  @LocalServerPort int port;

  @Value("${webhooks.jwt.secret}")
  String jwtSecret;

  @Autowired Dispatcher dispatcher;

  @Autowired MeterRegistry meters;

  @BeforeAll
  static void startReceiver() {
    receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    receiver.start();
  }

  @AfterAll
  static void stopReceiver() {
    receiver.stop();
  }

  @Test
  void aBurstReachesTheReceiverAtMostAtTheLimitPerSecond() {
    ApiClient api = new ApiClient(port);
    String user = "user-" + UUID.randomUUID();
    String token = new TestTokens(jwtSecret).user(user);
    String path = "/limited-" + UUID.randomUUID();
    receiver.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));
    Response created =
        api.post(
            "/api/webhooks",
            token,
            "{\"url\": \"http://127.0.0.1:%d%s\", \"events\": [\"card.viewed\"], \"rateLimit\": %d}"
                .formatted(receiver.port(), path, LIMIT));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("rateLimit").asInt()).isEqualTo(LIMIT);
    String endpointId = created.json().get("id").asString();

    // One delivery first, so the burst meets warm workers rather than a cold start.
    dispatcher.dispatch(user, "card.viewed", Map.of("n", "warm-up"));
    await().atMost(Duration.ofSeconds(60)).until(() -> arrivals(path).size() == 1);

    double waitsBefore = waits();
    for (int i = 0; i < BURST; i++) {
      dispatcher.dispatch(user, "card.viewed", Map.of("n", i));
    }

    await().atMost(Duration.ofSeconds(90)).until(() -> arrivals(path).size() == BURST + 1);
    List<Long> arrivals = arrivals(path).subList(1, BURST + 1);
    int busiestSecond = 0;
    for (int first = 0; first < arrivals.size(); first++) {
      int inWindow = 0;
      for (int other = first; other < arrivals.size(); other++) {
        if (arrivals.get(other) - arrivals.get(first) < 1_000) {
          inWindow++;
        }
      }
      busiestSecond = Math.max(busiestSecond, inWindow);
    }
    assertThat(busiestSecond).isLessThanOrEqualTo(LIMIT + 1);
    assertThat(arrivals.getLast() - arrivals.getFirst())
        .isGreaterThanOrEqualTo((BURST / LIMIT - 1) * 1_000L);
    // Each waited for its slot in the queue, and few were sent back when they woke. (When a late
    // start held back every attempt queued after it, each waited several times.)
    assertThat(waits() - waitsBefore).isLessThan(3.0 * BURST);
    // waiting for a slot used up no attempt: each delivery succeeded at its first
    Response log = api.get("/api/webhooks/" + endpointId + "/deliveries?limit=100", token);
    assertThat(log.json().get("items").valueStream())
        .hasSize(BURST + 1)
        .allSatisfy(
            delivery -> {
              assertThat(delivery.get("status").asString()).isEqualTo("success");
              assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
            });

    Response unlimited = api.patch("/api/webhooks/" + endpointId, token, "{\"rateLimit\": null}");
    assertThat(unlimited.status()).isEqualTo(200);
    assertThat(unlimited.json().get("rateLimit").isNull()).isTrue();
  }

  /** Times an attempt was told to wait for a slot, in this process. */
  private double waits() {
    Counter throttled = meters.find("webhooks.delivery.attempts.throttled").counter();
    return throttled == null ? 0 : throttled.count();
  }

  private static List<Long> arrivals(String path) {
    return receiver.getAllServeEvents().stream()
        .filter(event -> event.getRequest().getUrl().equals(path))
        .map(ServeEvent::getRequest)
        .map(request -> request.getLoggedDate().getTime())
        .sorted()
        .toList();
  }
}
