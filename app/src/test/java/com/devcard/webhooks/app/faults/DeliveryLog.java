package com.devcard.webhooks.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Reads a user's deliveries and attempt log straight from PostgreSQL, for assertions. */
final class DeliveryLog {

  record Row(String id, String status, int attempts) {}

  record AttemptRow(int attempt, boolean success, Integer responseCode) {}

  private final JdbcClient jdbc;

  DeliveryLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  List<Row> deliveries(String userId) {
    return jdbc.sql(
            "select id, status, attempts from webhook_deliveries where user_id = :user order by id")
        .param("user", userId)
        .query(
            (rs, n) -> new Row(rs.getString("id"), rs.getString("status"), rs.getInt("attempts")))
        .list();
  }

  long countWithStatus(String userId, String status) {
    return jdbc.sql(
            "select count(*) from webhook_deliveries where user_id = :user and status = :status")
        .param("user", userId)
        .param("status", status)
        .query(Long.class)
        .single();
  }

  /** Every attempt of the user's deliveries, by delivery, in attempt order. */
  Map<String, List<AttemptRow>> attempts(String userId) {
    Map<String, List<AttemptRow>> byDelivery = new LinkedHashMap<>();
    jdbc.sql(
            "select a.delivery_id, a.attempt, a.success, a.response_code"
                + " from webhook_delivery_attempts a"
                + " join webhook_deliveries d on d.id = a.delivery_id"
                + " where d.user_id = :user order by a.delivery_id, a.attempt")
        .param("user", userId)
        .query(
            rs -> {
              byDelivery
                  .computeIfAbsent(rs.getString("delivery_id"), id -> new ArrayList<>())
                  .add(
                      new AttemptRow(
                          rs.getInt("attempt"),
                          rs.getBoolean("success"),
                          (Integer) rs.getObject("response_code")));
            });
    return byDelivery;
  }

  /**
   * The log is consistent: each delivery's attempts are numbered 1..n without a gap or a repeat, n
   * is the delivery's attempt count, and only a final attempt may have succeeded.
   */
  void assertConsistent(String userId) {
    Map<String, List<AttemptRow>> attempts = attempts(userId);
    for (Row delivery : deliveries(userId)) {
      List<AttemptRow> log = attempts.getOrDefault(delivery.id(), List.of());
      assertThat(log).as("attempt log of %s", delivery.id()).hasSize(delivery.attempts());
      for (int i = 0; i < log.size(); i++) {
        assertThat(log.get(i).attempt()).as("attempt number in %s", delivery.id()).isEqualTo(i + 1);
        if (i < log.size() - 1) {
          assertThat(log.get(i).success())
              .as("an attempt of %s succeeded before the last one", delivery.id())
              .isFalse();
        }
      }
      if (delivery.status().equals("success")) {
        assertThat(log).isNotEmpty();
        assertThat(log.get(log.size() - 1).success()).isTrue();
      }
    }
  }
}
