package com.devcard.webhooks.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.devcard.webhooks.delivery.DeliveryStatus;
import com.devcard.webhooks.store.testing.EmbeddedDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The database itself refuses rows the application must never write. */
class SchemaConstraintsTest {

  private static JdbcClient jdbc;

  @BeforeAll
  static void database() {
    jdbc = JdbcClient.create(EmbeddedDatabase.freshDataSource());
    jdbc.sql(
            "insert into webhook_endpoints (id, user_id, url, events, secret_ciphertext,"
                + " created_at, updated_at)"
                + " values ('ep_1', 'u1', 'https://example.com/hook', '{invoice.paid}',"
                + " '\\x00'::bytea, now(), now())")
        .update();
    jdbc.sql(
            "insert into webhook_events (id, user_id, event_type, payload, created_at)"
                + " values ('evt_1', 'u1', 'invoice.paid', '{}', now())")
        .update();
    insertDelivery("dlv_1", "pending");
  }

  private static int insertDelivery(String id, String status) {
    return jdbc.sql(
            "insert into webhook_deliveries (id, endpoint_id, user_id, event_id, event_type,"
                + " status, retry_delays_ms, created_at, updated_at)"
                + " values (:id, 'ep_1', 'u1', 'evt_1', 'invoice.paid', :status, '{1000}',"
                + " now(), now())")
        .param("id", id)
        .param("status", status)
        .update();
  }

  private static int insertAttempt(int attempt, String key, String trigger) {
    return jdbc.sql(
            "insert into webhook_delivery_attempts (delivery_id, attempt, attempt_key, trigger,"
                + " started_at, duration_ms, success, delivery_status)"
                + " values ('dlv_1', :attempt, :key, :trigger, now(), 5, false, 'pending')")
        .param("attempt", attempt)
        .param("key", key)
        .param("trigger", trigger)
        .update();
  }

  @Test
  void everyDeliveryStatusIsAccepted() {
    for (DeliveryStatus status : DeliveryStatus.values()) {
      assertThat(insertDelivery("dlv_" + status.wireValue(), status.wireValue())).isOne();
    }
  }

  @Test
  void unknownDeliveryStatusIsRejected() {
    assertThatThrownBy(() -> insertDelivery("dlv_bad", "PENDING"))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThatThrownBy(() -> insertDelivery("dlv_bad", "retrying"))
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void aDuplicateAttemptNumberIsRejected() {
    assertThat(insertAttempt(1, "key-a", "scheduled")).isOne();

    assertThatThrownBy(() -> insertAttempt(1, "key-b", "scheduled"))
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void aDuplicateAttemptKeyIsRejected() {
    assertThat(insertAttempt(10, "key-dup", "manual")).isOne();

    assertThatThrownBy(() -> insertAttempt(11, "key-dup", "manual"))
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void attemptNumbersStartAtOneAndTriggersAreKnown() {
    assertThatThrownBy(() -> insertAttempt(0, "key-zero", "scheduled"))
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThatThrownBy(() -> insertAttempt(20, "key-trigger", "automatic"))
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void anEndpointNeedsOneToFiftyEventTypes() {
    String insert =
        "insert into webhook_endpoints (id, user_id, url, events, secret_ciphertext,"
            + " created_at, updated_at)"
            + " values (:id, 'u1', 'https://example.com', cast(:events as text[]),"
            + " '\\x00'::bytea, now(), now())";

    assertThatThrownBy(() -> jdbc.sql(insert).param("id", "ep_none").param("events", "{}").update())
        .isInstanceOf(DataIntegrityViolationException.class);
    String fiftyOne = "{" + "a,".repeat(50) + "a}";
    assertThatThrownBy(
            () -> jdbc.sql(insert).param("id", "ep_many").param("events", fiftyOne).update())
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void aDeliveryMustPointAtAnExistingEndpointAndEvent() {
    assertThatThrownBy(
            () ->
                jdbc.sql(
                        "insert into webhook_deliveries (id, endpoint_id, user_id, event_id,"
                            + " event_type, status, retry_delays_ms, created_at, updated_at)"
                            + " values ('dlv_orphan', 'ep_missing', 'u1', 'evt_1', 'x',"
                            + " 'pending', '{}', now(), now())")
                    .update())
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void theSameIdempotencyKeyIsRejectedForOneUserButNotAcrossUsersOrWhenAbsent() {
    String insert =
        "insert into webhook_events (id, user_id, idempotency_key, event_type, payload,"
            + " created_at) values (:id, :user, :key, 't', '{}', now())";
    jdbc.sql(insert).param("id", "evt_k1").param("user", "u1").param("key", "k").update();

    assertThatThrownBy(
            () ->
                jdbc.sql(insert)
                    .param("id", "evt_k2")
                    .param("user", "u1")
                    .param("key", "k")
                    .update())
        .isInstanceOf(DataIntegrityViolationException.class);
    assertThat(
            jdbc.sql(insert).param("id", "evt_k3").param("user", "u2").param("key", "k").update())
        .isOne();
    String noKey =
        "insert into webhook_events (id, user_id, event_type, payload, created_at)"
            + " values (:id, 'u1', 't', '{}', now())";
    assertThat(jdbc.sql(noKey).param("id", "evt_n1").update()).isOne();
    assertThat(jdbc.sql(noKey).param("id", "evt_n2").update()).isOne();
  }
}
