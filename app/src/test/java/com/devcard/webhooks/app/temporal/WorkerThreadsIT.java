package com.devcard.webhooks.app.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.AppClient;
import com.devcard.webhooks.app.AppTest;
import com.devcard.webhooks.app.ReceiverEndpoints;
import com.devcard.webhooks.app.TestEndpoint;
import com.devcard.webhooks.app.TestUser;
import com.devcard.webhooks.testkit.Receivers;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The worker runs its pollers, workflow tasks and attempts on virtual threads, so that its platform
 * threads do not grow with the load: on platform threads, each workflow task in flight would start
 * one, kept for 10 s after its last task.
 */
@AppTest
class WorkerThreadsIT {

  private static final int DELIVERIES = 20;

  @RegisterExtension static final WireMockExtension receiver = Receivers.perClass();

  @Autowired AppClient app;

  @Test
  void deliveriesGoThroughTheWorkerWithoutAPlatformThreadOfItsOwn() {
    TestUser user = app.newUser();
    ReceiverEndpoints endpoints = app.endpoints(user, receiver);
    TestEndpoint endpoint = endpoints.register(204);

    for (int i = 0; i < DELIVERIES; i++) {
      assertThat(app.publish(user.id(), "{\"n\": %d}".formatted(i)).status()).isEqualTo(202);
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> endpoints.received(endpoint).size() == DELIVERIES);

    // Right after the tasks, well within the 10 s a platform task thread would be kept.
    assertThat(platformThreadsOfTheWorker()).isEmpty();
  }

  /** Live platform threads of the SDK's pollers and task executors (Thread names their kind). */
  private static List<String> platformThreadsOfTheWorker() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> !thread.isVirtual())
        .map(Thread::getName)
        .filter(
            name ->
                name.startsWith("Workflow Poller")
                    || name.startsWith("Workflow Executor")
                    || name.startsWith("Activity Poller")
                    || name.startsWith("Activity Executor"))
        .toList();
  }
}
