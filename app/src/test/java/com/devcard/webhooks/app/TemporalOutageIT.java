package com.devcard.webhooks.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.testkit.FreePorts;
import com.devcard.webhooks.testkit.TemporalServer;
import com.devcard.webhooks.testkit.WithWebhooksStack;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Temporal is down when events arrive: dispatch still answers 202, and once Temporal is up the
 * reconciler starts every pending delivery, which then reaches its receiver.
 */
@WithWebhooksStack
@SpringBootTest(
    classes = WebhooksApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "webhooks.allow-http=true",
      "webhooks.allow-private-targets=true",
      "webhooks.reconciler.unstarted-every=1s"
    })
class TemporalOutageIT {

  static final int TEMPORAL_PORT = FreePorts.next();
  static WireMockServer receiver;
  static TemporalServer temporal;

  @DynamicPropertySource
  static void temporalNotYetStarted(DynamicPropertyRegistry registry) {
    registry.add("temporal.address", () -> "127.0.0.1:" + TEMPORAL_PORT);
  }

  @LocalServerPort int port;

  @Value("${webhooks.jwt.secret}")
  String jwtSecret;

  @BeforeAll
  static void startReceiver() {
    receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    receiver.start();
    receiver.stubFor(post(urlEqualTo("/hook")).willReturn(aResponse().withStatus(204)));
  }

  @AfterAll
  static void stop() throws IOException {
    receiver.stop();
    if (temporal != null) {
      temporal.close();
    }
  }

  @Test
  void eventsReportedWhileTemporalIsDownAreDeliveredOnceItIsBack() {
    ApiClient api = new ApiClient(port);
    TestTokens tokens = new TestTokens(jwtSecret);
    String user = "user-" + UUID.randomUUID();
    Response endpoint =
        api.post(
            "/api/webhooks",
            tokens.user(user),
            "{\"url\": \"http://127.0.0.1:%d/hook\", \"events\": [\"card.viewed\"]}"
                .formatted(receiver.port()));
    assertThat(endpoint.status()).isEqualTo(201);

    String publisher = tokens.withScope("devcard-backend", "events:publish");
    for (int i = 0; i < 3; i++) {
      Response dispatched =
          api.post(
              "/api/events",
              publisher,
              "{\"userId\": \"%s\", \"type\": \"card.viewed\", \"data\": {\"n\": %d}}"
                  .formatted(user, i));
      assertThat(dispatched.status()).isEqualTo(202);
    }
    assertThat(api.get("/actuator/health", null).status()).isEqualTo(503);

    temporal = TemporalServer.start(TEMPORAL_PORT, "default");

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(() -> receiver.verify(3, postRequestedFor(urlEqualTo("/hook"))));
  }
}
