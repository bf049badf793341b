package com.devcard.webhooks.app.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.AppClient;
import com.devcard.webhooks.app.ReceiverEndpoints;
import com.devcard.webhooks.app.TestEndpoint;
import com.devcard.webhooks.app.TestUser;
import com.devcard.webhooks.testkit.Receivers;
import com.devcard.webhooks.testkit.TemporalServerProcess;
import com.devcard.webhooks.testkit.WebhooksStack;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Temporal is down when events arrive: dispatch still answers 202, and once Temporal is up the
 * reconciler starts every pending delivery, which then reaches its receiver.
 */
@FaultsAppTest
class TemporalOutageIT {

  @RegisterExtension static final WireMockExtension receiver = Receivers.perClass();

  @Autowired AppClient app;
  @Autowired WebhooksStack stack;

  @Test
  void eventsReportedWhileTemporalIsDownAreDeliveredOnceItIsBack() {
    TestUser user = app.newUser();
    ReceiverEndpoints endpoints = app.endpoints(user, receiver);
    TestEndpoint endpoint = endpoints.register(204);
    TemporalServerProcess temporal = stack.temporalProcess();

    temporal.stop();
    try {
      for (int i = 0; i < 3; i++) {
        assertThat(app.publish(user.id(), "{\"n\": %d}".formatted(i)).status()).isEqualTo(202);
      }
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> app.get("/actuator/health", null).status() == 503);
    } finally {
      temporal.startAgain();
    }

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> receiver.verify(3, postRequestedFor(urlEqualTo(endpoint.receiverPath()))));
  }
}
