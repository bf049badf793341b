package com.devcard.webhooks.store.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.store.secret.SecretCipher;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

class EmbeddedDatabaseTest {

  private static List<String> tables(DataSource dataSource) {
    return JdbcClient.create(dataSource)
        .sql(
            "select table_name from information_schema.tables"
                + " where table_schema = 'public' and table_name like 'webhook%' order by 1")
        .query(String.class)
        .list();
  }

  @Test
  void aFreshDataSourceHasTheWholeSchema() {
    assertThat(tables(EmbeddedDatabase.freshDataSource()))
        .containsExactlyInAnyOrder(
            "webhook_deliveries",
            "webhook_delivery_attempts",
            "webhook_endpoint_health",
            "webhook_endpoint_hourly_outcomes",
            "webhook_endpoint_rate_slots",
            "webhook_endpoints",
            "webhook_events",
            "webhook_manual_action_times",
            "webhook_portal_sessions",
            "webhook_recoveries",
            "webhook_recovery_items");
  }

  @Test
  void freshDatabasesDoNotShareRows() {
    DataSource first = EmbeddedDatabase.freshDataSource();
    DataSource second = EmbeddedDatabase.freshDataSource();
    JdbcClient.create(first)
        .sql(
            "insert into webhook_events (id, user_id, event_type, payload, created_at)"
                + " values ('evt_1', 'u', 't', '{}', now())")
        .update();

    assertThat(
            JdbcClient.create(second)
                .sql("select count(*) from webhook_events")
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void theSharedDataSourceIsOnePerJvm() {
    assertThat(EmbeddedDatabase.dataSource()).isSameAs(EmbeddedDatabase.dataSource());
    assertThat(tables(EmbeddedDatabase.dataSource())).hasSize(11);
  }

  @Test
  void theTestCipherIsOnePerJvmAndMatchesItsKeyset() {
    byte[] ciphertext = EmbeddedDatabase.testCipher().encrypt("whsec_x", "ep_1");

    assertThat(EmbeddedDatabase.testCipher()).isSameAs(EmbeddedDatabase.testCipher());
    assertThat(
            SecretCipher.fromKeysetJson(EmbeddedDatabase.testKeysetJson())
                .decrypt(ciphertext, "ep_1"))
        .isEqualTo("whsec_x");
  }
}
