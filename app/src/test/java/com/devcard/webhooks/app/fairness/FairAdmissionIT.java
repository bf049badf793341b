package com.devcard.webhooks.app.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.AppClient;
import com.devcard.webhooks.app.AppTest;
import com.devcard.webhooks.app.ReceiverEndpoints;
import com.devcard.webhooks.app.TestEndpoint;
import com.devcard.webhooks.app.TestUser;
import com.devcard.webhooks.testkit.Receivers;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One user's burst queues as pending deliveries instead of standing in front of everyone else's: at
 * most 16 of the busy user's deliveries are at its receiver at once, another user's delivery
 * arrives while the burst is still queued, and every delivery of the burst arrives.
 */
@AppTest
class FairAdmissionIT {

  private static final int BURST = 96;
  private static final int PLACES_PER_USER = 16;
  private static final Duration RECEIVER_DELAY = Duration.ofSeconds(1);

  @RegisterExtension static final WireMockExtension receiver = Receivers.perClass();

  @Autowired AppClient app;

  @Test
  void aBurstTakesItsUsersPlacesOnlyAndAnotherUserGoesPastIt() {
    TestUser busy = app.newUser();
    TestUser quiet = app.newUser();
    ReceiverEndpoints busyEndpoints = app.endpoints(busy, receiver);
    TestEndpoint busyEndpoint =
        busyEndpoints.register(
            WireMock.aResponse().withStatus(204).withFixedDelay((int) RECEIVER_DELAY.toMillis()));
    ReceiverEndpoints quietEndpoints = app.endpoints(quiet, receiver);
    TestEndpoint quietEndpoint = quietEndpoints.register(204);

    for (int i = 0; i < BURST; i++) {
      assertThat(app.publish(busy.id(), "{\"n\": %d}".formatted(i)).status()).isEqualTo(202);
    }
    assertThat(app.publish(quiet.id(), "{\"n\": 0}").status()).isEqualTo(202);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> quietEndpoints.received(quietEndpoint).size() == 1);
    // 16 at a time, a second each: the burst needs six seconds at the receiver, and is still
    // going when the other user's delivery has arrived.
    assertThat(busyEndpoints.received(busyEndpoint)).hasSizeLessThan(BURST);

    // Every delivery arrives; one whose answer came after the 2 s timeout of this context is sent
    // again, as any timed-out attempt is.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> deliveryIds(busyEndpoints.received(busyEndpoint)) == BURST);
    List<LoggedRequest> burst = busyEndpoints.received(busyEndpoint);
    // One more than the places at most: an attempt cut at this context's 2 s timeout frees its
    // place while the receiver still holds its request.
    assertThat(mostAtOnce(burst)).isBetween(2, PLACES_PER_USER + 1);
  }

  private static long deliveryIds(List<LoggedRequest> requests) {
    return requests.stream().map(request -> request.getHeader("webhook-id")).distinct().count();
  }

  /** The most requests that arrived within one receiver delay of each other. */
  private static int mostAtOnce(List<LoggedRequest> requests) {
    // A little shorter than the delay, so that one answered just before the next arrives is not
    // counted as at the receiver with it.
    long window = RECEIVER_DELAY.toMillis() - 50;
    int most = 0;
    for (LoggedRequest request : requests) {
      long at = request.getLoggedDate().getTime();
      int atOnce =
          (int)
              requests.stream()
                  .mapToLong(other -> other.getLoggedDate().getTime())
                  .filter(other -> other <= at && other > at - window)
                  .count();
      most = Math.max(most, atOnce);
    }
    return most;
  }
}
