package com.devcard.webhooks.app.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.app.AppClient;
import com.devcard.webhooks.app.AppTest;
import com.devcard.webhooks.app.ReceiverEndpoints;
import com.devcard.webhooks.app.TestEndpoint;
import com.devcard.webhooks.app.TestUser;
import com.devcard.webhooks.testkit.Receivers;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The retention sweep on the running app, on its schedule: a delivery that succeeded longer ago
 * than {@code WEBHOOKS_RETENTION} leaves the log with its attempt and its event; one that succeeded
 * just now stays.
 */
@AppTest
class RetentionIT {

  @RegisterExtension static final WireMockExtension receiver = Receivers.perClass();

  @Autowired JdbcClient jdbc;
  @Autowired MeterRegistry meters;

  final AppClient app;
  final TestUser user;
  final ReceiverEndpoints endpoints;

  RetentionIT(@Autowired AppClient app) {
    this.app = app;
    this.user = app.newUser();
    this.endpoints = app.endpoints(user, receiver);
  }

  @Test
  void aDeliveryFinishedLongerAgoThanTheRetentionIsDeletedOnSchedule() {
    TestEndpoint endpoint = endpoints.register(204, "card.viewed");
    String old = deliveredNow(endpoint, 1);
    String recent = deliveredNow(endpoint, 2);
    String oldEvent = eventOf(old);
    double deletedBefore = deleted();
    // As if it had succeeded 31 days ago.
    jdbc.sql("update webhook_deliveries set updated_at = now() - interval '31 days' where id = :id")
        .param("id", old)
        .update();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> app.get(endpoint.deliveryPath(old), user.token()).status() == 404);

    assertThat(count("webhook_delivery_attempts where delivery_id = :id", old)).isZero();
    assertThat(count("webhook_events where id = :id", oldEvent)).isZero();
    assertThat(endpoints.detail(endpoint, recent).get("status").asString()).isEqualTo("success");
    assertThat(deleted()).isGreaterThanOrEqualTo(deletedBefore + 1);
    assertThat(meters.get("webhooks.sweep").tag("sweep", "expired-deliveries").timer().count())
        .isPositive();
  }

  private String deliveredNow(TestEndpoint endpoint, int n) {
    JsonNode deliveries =
        app.publish(user.id(), "{\"cardId\": \"c_%d\"}".formatted(n)).json().get("deliveries");
    String id = deliveries.get(0).get("id").asString();
    endpoints.awaitStatus(endpoint, id, "success");
    return id;
  }

  private String eventOf(String deliveryId) {
    return jdbc.sql("select event_id from webhook_deliveries where id = :id")
        .param("id", deliveryId)
        .query(String.class)
        .single();
  }

  private long count(String fromWhere, String id) {
    return jdbc.sql("select count(*) from " + fromWhere).param("id", id).query(Long.class).single();
  }

  private double deleted() {
    return meters.find("webhooks.deliveries.deleted").counters().stream()
        .mapToDouble(counter -> counter.count())
        .sum();
  }
}
