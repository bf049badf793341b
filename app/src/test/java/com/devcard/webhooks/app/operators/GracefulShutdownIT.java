package com.devcard.webhooks.app.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.app.AppClient;
import com.devcard.webhooks.app.HandStartedApp;
import com.devcard.webhooks.app.TestUser;
import com.devcard.webhooks.testkit.WebhooksStack;
import com.devcard.webhooks.workflows.TaskQueues;
import com.sun.net.httpserver.HttpServer;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The app is stopped (its context closed, as on SIGTERM) while an attempt is in flight to a slow
 * receiver, and a new one is started against the same PostgreSQL and Temporal, which the test owns.
 * The stopping worker finishes the attempt and records it; the new one finishes the workflow. One
 * attempt in the log, one request at the receiver (a second one could only be a redelivery under
 * the same {@code webhook-id}).
 */
class GracefulShutdownIT {

  private static final Duration RECEIVER_DELAY = Duration.ofSeconds(3);

  WebhooksStack stack;
  HttpServer receiver;
  final ScheduledExecutorService answers = Executors.newSingleThreadScheduledExecutor();
  final List<String> webhookIds = new CopyOnWriteArrayList<>();
  final CountDownLatch requestArrived = new CountDownLatch(1);

  @BeforeEach
  void startServers() throws IOException {
    stack = WebhooksStack.start();
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.setExecutor(Executors.newCachedThreadPool());
    receiver.createContext(
        "/slow",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          webhookIds.add(exchange.getRequestHeaders().getFirst("webhook-id"));
          requestArrived.countDown();
          // The answer goes out on a timer, the exchange left open until then.
          answers.schedule(
              () -> {
                try (exchange) {
                  exchange.sendResponseHeaders(204, -1);
                }
                return null;
              },
              RECEIVER_DELAY.toMillis(),
              TimeUnit.MILLISECONDS);
        });
    receiver.start();
  }

  @AfterEach
  void stopServers() throws IOException {
    answers.shutdownNow();
    receiver.stop(0);
    stack.close();
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void anAttemptInFlightAtShutdownIsFinishedAndRecordedOnce() throws Exception {
    String deliveryId;
    ConfigurableApplicationContext first = startApp();
    try {
      deliveryId = publishToSlowReceiver(AppClient.of(first.getEnvironment()));
      assertThat(requestArrived.await(20, TimeUnit.SECONDS)).isTrue();
    } finally {
      first.close(); // mid-attempt: the receiver answers 3 s from now
    }

    // The stopping worker waited for the attempt, recorded it, and (its workflow tasks drained)
    // completed the delivery's run before the process let go.
    assertThat(deliveryRow(deliveryId)).isEqualTo("success/1");
    assertThat(runStatus(deliveryId))
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);

    // A new process on the same database and Temporal finds nothing owed and sends nothing.
    ConfigurableApplicationContext second = startApp();
    try {
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () -> {
                assertThat(deliveryRow(deliveryId)).isEqualTo("success/1");
                assertThat(attemptNumbers(deliveryId)).containsExactly(1);
                assertThat(webhookIds).containsExactly(deliveryId);
              });
    } finally {
      second.close();
    }
  }

  private WorkflowExecutionStatus runStatus(String deliveryId) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporalAddress()).build());
    try {
      return WorkflowClient.newInstance(stubs)
          .newUntypedWorkflowStub(TaskQueues.deliveryWorkflowId(deliveryId))
          .describe()
          .getStatus();
    } finally {
      stubs.shutdown();
    }
  }

  private ConfigurableApplicationContext startApp() {
    return HandStartedApp.start(
        stack,
        "webhooks.allow-http=true",
        "webhooks.allow-private-targets=true",
        "webhooks.delivery.timeout=10s",
        "webhooks.retry-delays=1m",
        "webhooks.temporal.sticky-drain=5s");
  }

  private String publishToSlowReceiver(AppClient app) {
    TestUser user = app.newUser();
    app.createEndpoint(
        user.token(), "http://127.0.0.1:%d/slow".formatted(receiver.getAddress().getPort()));
    Response dispatched = app.publish(user.id(), "{}");
    assertThat(dispatched.status()).isEqualTo(202);
    return dispatched.json().get("deliveries").get(0).get("id").asString();
  }

  private String deliveryRow(String deliveryId) {
    return stack
        .jdbc()
        .sql("select status || '/' || attempts from webhook_deliveries where id = :id")
        .param("id", deliveryId)
        .query(String.class)
        .single();
  }

  private List<Integer> attemptNumbers(String deliveryId) {
    return stack
        .jdbc()
        .sql("select attempt from webhook_delivery_attempts where delivery_id = :id order by 1")
        .param("id", deliveryId)
        .query(Integer.class)
        .list();
  }
}
