package com.devcard.webhooks.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.ApiClient;
import com.devcard.webhooks.app.ApiClient.Response;
import com.devcard.webhooks.app.TestTokens;
import com.devcard.webhooks.app.WebhooksApplication;
import com.devcard.webhooks.testkit.WithWebhooksStack;
import com.devcard.webhooks.workflows.TaskQueues;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The in-memory Temporal server restarts, losing every workflow, while deliveries wait between
 * attempts. PostgreSQL still knows them: the reconciler's full sweep starts each one again, keeping
 * its recorded attempts and its retry time, and every delivery reaches its end.
 */
@WithWebhooksStack
@SpringBootTest(
    classes = WebhooksApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "webhooks.allow-http=true",
      "webhooks.allow-private-targets=true",
      "webhooks.retry-delays=8s,1s",
      "webhooks.reconciler.full-sweep-every=2s",
      "webhooks.reconciler.unstarted-every=1s"
    })
@DirtiesContext
class TemporalRestartIT {

  private static final int DELIVERIES = 20;

  static final TestTemporal temporal = TestTemporal.start();
  static final RecordingReceiver receiver = RecordingReceiver.start();

  @DynamicPropertySource
  static void serversOfTheTest(DynamicPropertyRegistry registry) {
    registry.add("temporal.address", temporal::address);
  }

  @LocalServerPort int port;

  @Value("${webhooks.jwt.secret}")
  String jwtSecret;

  @Autowired ConfigurableApplicationContext context;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void closeServersWithTheApp() {
    CloseWithContext.register(context, receiver, temporal);
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void deliveriesWaitingInBackoffReachTheirEndAfterTemporalLosesItsState() throws Exception {
    ApiClient api = new ApiClient(port);
    TestTokens tokens = new TestTokens(jwtSecret);
    String user = "restart-user";
    Response endpoint =
        api.post(
            "/api/webhooks",
            tokens.user(user),
            "{\"url\": \"%s\", \"events\": [\"card.viewed\"]}".formatted(receiver.url("/hook")));
    assertThat(endpoint.status()).isEqualTo(201);
    String publisher = tokens.withScope("devcard-backend", "events:publish");

    receiver.answer(503);
    for (int i = 0; i < DELIVERIES; i++) {
      Response dispatched =
          api.post(
              "/api/events",
              publisher,
              "{\"userId\": \"%s\", \"type\": \"card.viewed\", \"data\": {\"n\": %d}}"
                  .formatted(user, i));
      assertThat(dispatched.status()).isEqualTo(202);
    }
    DeliveryLog deliveryLog = new DeliveryLog(jdbc);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                deliveryLog.deliveries(user).stream()
                    .allMatch(row -> row.attempts() == 1 && row.status().equals("pending")));
    Map<String, Instant> retryTimes = nextRetryTimes(user);

    temporal.restart();
    receiver.answer(204);

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> deliveryLog.countWithStatus(user, "success") == DELIVERIES);

    List<DeliveryLog.Row> deliveries = deliveryLog.deliveries(user);
    assertThat(deliveries)
        .allSatisfy(row -> assertThat(row.attempts()).as("attempts of %s", row.id()).isEqualTo(2));
    deliveryLog.assertConsistent(user);
    // The second attempt kept its place in the schedule: not before the recorded retry time.
    Map<String, Instant> secondAttempts = startOfAttempt(user, 2);
    for (DeliveryLog.Row row : deliveries) {
      assertThat(secondAttempts.get(row.id()))
          .as("second attempt of %s", row.id())
          .isAfterOrEqualTo(retryTimes.get(row.id()).minusMillis(50));
    }
    assertThat(receiver.count()).isEqualTo(2 * DELIVERIES);
    // The runs that made the second attempts live on the new server: the reconciler started them.
    for (DeliveryLog.Row row : deliveries) {
      assertThat(temporal.statusOf(TaskQueues.deliveryWorkflowId(row.id())))
          .as("workflow of %s on the restarted server", row.id())
          .contains(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
    }
  }

  private Map<String, Instant> nextRetryTimes(String user) {
    Map<String, Instant> times = new HashMap<>();
    jdbc.sql("select id, next_retry_at from webhook_deliveries where user_id = :user")
        .param("user", user)
        .query(
            rs -> {
              times.put(rs.getString("id"), rs.getTimestamp("next_retry_at").toInstant());
            });
    assertThat(times).hasSize(DELIVERIES);
    // Still waiting when Temporal goes away.
    Instant restartDue = Instant.now().plusSeconds(3);
    assertThat(times.values()).allSatisfy(at -> assertThat(at).isAfter(restartDue));
    return times;
  }

  private Map<String, Instant> startOfAttempt(String user, int attempt) {
    Map<String, Instant> times = new HashMap<>();
    jdbc.sql(
            "select a.delivery_id, a.started_at from webhook_delivery_attempts a"
                + " join webhook_deliveries d on d.id = a.delivery_id"
                + " where d.user_id = :user and a.attempt = :attempt")
        .param("user", user)
        .param("attempt", attempt)
        .query(
            rs -> {
              times.put(rs.getString("delivery_id"), rs.getTimestamp("started_at").toInstant());
            });
    return times;
  }
}
