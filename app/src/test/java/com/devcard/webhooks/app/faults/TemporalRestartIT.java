package com.devcard.webhooks.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.AppClient;
import com.devcard.webhooks.app.TestUser;
import com.devcard.webhooks.testkit.WebhooksStack;
import com.devcard.webhooks.workflows.TaskQueues;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The in-memory Temporal server restarts, losing every workflow, while deliveries wait between
 * attempts. PostgreSQL still knows them: the reconciler's full sweep starts each one again, keeping
 * its recorded attempts and its retry time, and every delivery reaches its end.
 */
@FaultsAppTest
class TemporalRestartIT {

  private static final int DELIVERIES = 20;

  static final RecordingReceiver receiver = RecordingReceiver.start();

  @Autowired AppClient app;
  @Autowired WebhooksStack stack;
  @Autowired JdbcClient jdbc;
  @Autowired WorkflowClient workflows;

  @AfterAll
  static void stopReceiver() {
    receiver.close();
  }

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void deliveriesWaitingInBackoffReachTheirEndAfterTemporalLosesItsState() throws Exception {
    TestUser restartUser = app.newUser("restart");
    app.createEndpoint(restartUser.token(), receiver.url("/hook"));
    String user = restartUser.id();

    receiver.answer(503);
    for (int i = 0; i < DELIVERIES; i++) {
      assertThat(app.publish(user, "{\"n\": %d}".formatted(i)).status()).isEqualTo(202);
    }
    DeliveryLog deliveryLog = new DeliveryLog(jdbc);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                deliveryLog.deliveries(user).stream()
                    .allMatch(row -> row.attempts() == 1 && row.status().equals("pending")));
    Map<String, Instant> retryTimes = nextRetryTimes(user);

    stack.temporalProcess().restart();
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
      assertThat(
              workflows
                  .newUntypedWorkflowStub(TaskQueues.deliveryWorkflowId(row.id()))
                  .describe()
                  .getStatus())
          .as("workflow of %s on the restarted server", row.id())
          .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
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
