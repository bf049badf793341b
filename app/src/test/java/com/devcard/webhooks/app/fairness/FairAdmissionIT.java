package com.devcard.webhooks.app.fairness;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.app.AppClient;
import com.devcard.webhooks.app.AppTest;
import com.devcard.webhooks.app.Concurrently;
import com.devcard.webhooks.app.ReceiverEndpoints;
import com.devcard.webhooks.app.TestEndpoint;
import com.devcard.webhooks.app.TestUser;
import com.devcard.webhooks.workflows.TaskQueues;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One user's burst queues as pending deliveries instead of standing in front of everyone else's: at
 * most 32 of the busy user's deliveries are at its receiver at once, another user's delivery
 * arrives while the burst is still queued, and every delivery of the burst arrives. Each user's
 * first two unfinished deliveries run on the express task queue, which the worker polls too: the
 * other user's delivery goes there, past the burst, and the burst's first two.
 */
@AppTest
class FairAdmissionIT {

  private static final int BURST = 128;
  private static final int CLIENTS = 8;
  private static final int PLACES_PER_USER = 32;
  private static final Duration RECEIVER_DELAY = Duration.ofSeconds(1);

  // Each request held for the receiver's delay holds one of WireMock's threads (25 by default):
  // enough for all the busy user's places and the other user's at once.
  @RegisterExtension
  static final WireMockExtension receiver =
      WireMockExtension.newInstance()
          .options(
              wireMockConfig()
                  .dynamicPort()
                  .bindAddress("127.0.0.1")
                  .containerThreads(2 * PLACES_PER_USER + 16))
          .resetOnEachTest(false)
          .build();

  @Autowired AppClient app;
  @Autowired WorkflowClient temporal;

  @Test
  void aBurstTakesItsUsersPlacesOnlyAndAnotherUserGoesPastIt() throws Exception {
    TestUser busy = app.newUser();
    TestUser quiet = app.newUser();
    ReceiverEndpoints busyEndpoints = app.endpoints(busy, receiver);
    TestEndpoint busyEndpoint =
        busyEndpoints.register(
            WireMock.aResponse().withStatus(204).withFixedDelay((int) RECEIVER_DELAY.toMillis()));
    ReceiverEndpoints quietEndpoints = app.endpoints(quiet, receiver);
    TestEndpoint quietEndpoint = quietEndpoints.register(204);

    // The burst's first two one after the other, its user's first in flight; the rest from several
    // clients at once, faster than the places drain them.
    List<String> burstIds = new ArrayList<>();
    burstIds.add(publish(busy, 0));
    burstIds.add(publish(busy, 1));
    AtomicInteger next = new AtomicInteger(2);
    Concurrently.call(
            CLIENTS,
            () -> {
              List<String> ids = new ArrayList<>();
              for (int n = next.getAndIncrement(); n < BURST; n = next.getAndIncrement()) {
                ids.add(publish(busy, n));
              }
              return ids;
            })
        .forEach(burstIds::addAll);
    String quietId = publish(quiet, 0);

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> quietEndpoints.received(quietEndpoint).size() == 1);
    // 32 at a time, a second each: the burst needs four seconds at the receiver, and is still
    // going when the other user's delivery has arrived.
    assertThat(busyEndpoints.received(busyEndpoint)).hasSizeLessThan(BURST);
    // It went in the express lane, past the busy user's places, and the worker took it from there.
    assertThat(taskQueue(quietId)).isEqualTo(TaskQueues.DELIVERY_EXPRESS);

    // Every delivery arrives; one whose answer came after the 2 s timeout of this context is sent
    // again, as any timed-out attempt is.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> deliveryIds(busyEndpoints.received(busyEndpoint)) == BURST);
    List<LoggedRequest> burst = busyEndpoints.received(busyEndpoint);
    // One more than the places at most: an attempt cut at this context's 2 s timeout frees its
    // place while the receiver still holds its request.
    assertThat(mostAtOnce(burst)).isBetween(2, PLACES_PER_USER + 1);

    // The burst's first two went express, and arrived like the rest. Past them, its deliveries go
    // on the main queue: express again only when all but one of its admitted ones have finished.
    List<String> lanes = burstIds.stream().map(this::taskQueue).toList();
    assertThat(lanes.subList(0, 2)).containsOnly(TaskQueues.DELIVERY_EXPRESS);
    assertThat(lanes).filteredOn(TaskQueues.DELIVERY::equals).hasSizeGreaterThan(BURST * 3 / 4);
  }

  private String publish(TestUser user, int n) {
    Response dispatched = app.publish(user.id(), "{\"n\": %d}".formatted(n));
    assertThat(dispatched.status()).isEqualTo(202);
    return dispatched.json().get("deliveries").get(0).get("id").asString();
  }

  /** The task queue of the delivery's workflow run, once admission has started it. */
  private String taskQueue(String deliveryId) {
    WorkflowStub run = temporal.newUntypedWorkflowStub(TaskQueues.deliveryWorkflowId(deliveryId));
    return await()
        .atMost(Duration.ofSeconds(20))
        .ignoreException(WorkflowNotFoundException.class)
        .until(() -> run.describe().getTaskQueue(), queue -> true);
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
