package com.devcard.webhooks.store.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.devcard.webhooks.testkit.PostgresServer;
import com.devcard.webhooks.testkit.TestDatabases;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A database where recoveries ran side by side on one endpoint, from before at most one could,
 * still migrates: the oldest keeps running, the others end cancelled.
 */
class OneRunningRecoveryMigrationTest {

  @Test
  void theOldestRunningRecoveryOfAnEndpointKeepsRunningAndTheOthersAreCancelled()
      throws LiquibaseException {
    DataSource dataSource =
        new DriverManagerDataSource(
            TestDatabases.server().jdbcUrl(TestDatabases.newDatabase()), PostgresServer.USER, "");
    migrate(dataSource, "classpath:db/changelog/before-005.yaml");
    JdbcClient jdbc = JdbcClient.create(dataSource);
    recovery(jdbc, "rcv_a_old", "ep_a", "running", "2026-01-01T00:00:00Z");
    recovery(jdbc, "rcv_a_mid", "ep_a", "running", "2026-01-01T00:01:00Z");
    recovery(jdbc, "rcv_a_new", "ep_a", "running", "2026-01-01T00:02:00Z");
    recovery(jdbc, "rcv_a_done", "ep_a", "completed", "2025-12-31T00:00:00Z");
    recovery(jdbc, "rcv_b", "ep_b", "running", "2026-01-01T00:03:00Z");
    recovery(jdbc, "rcv_all_1", null, "running", "2026-01-01T00:00:00Z");
    recovery(jdbc, "rcv_all_2", null, "running", "2026-01-01T00:01:00Z");

    migrate(dataSource, TestDatabases.CHANGELOG);

    Map<String, String> states =
        jdbc
            .sql("select id, state from webhook_recoveries")
            .query((rs, row) -> Map.entry(rs.getString("id"), rs.getString("state")))
            .list()
            .stream()
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertThat(states)
        .containsEntry("rcv_a_old", "running")
        .containsEntry("rcv_a_mid", "cancelled")
        .containsEntry("rcv_a_new", "cancelled")
        .containsEntry("rcv_a_done", "completed")
        .containsEntry("rcv_b", "running")
        .containsEntry("rcv_all_1", "running")
        .containsEntry("rcv_all_2", "running");
    assertThatThrownBy(
            () -> recovery(jdbc, "rcv_a_more", "ep_a", "running", "2026-01-02T00:00:00Z"))
        .isInstanceOf(DuplicateKeyException.class);
  }

  private static void migrate(DataSource dataSource, String changelog) throws LiquibaseException {
    SpringLiquibase liquibase = new SpringLiquibase();
    liquibase.setDataSource(dataSource);
    liquibase.setChangeLog(changelog);
    liquibase.setResourceLoader(new DefaultResourceLoader());
    liquibase.afterPropertiesSet();
  }

  private static void recovery(
      JdbcClient jdbc, String id, String endpointId, String state, String createdAt) {
    jdbc.sql(
            "insert into webhook_recoveries (id, created_by, endpoint_id, rate, state,"
                + " created_at, updated_at)"
                + " values (:id, 'ops', :endpointId, 10, :state,"
                + " :createdAt::timestamptz, :createdAt::timestamptz)")
        .param("id", id)
        .param("endpointId", endpointId, java.sql.Types.VARCHAR)
        .param("state", state)
        .param("createdAt", createdAt)
        .update();
  }
}
