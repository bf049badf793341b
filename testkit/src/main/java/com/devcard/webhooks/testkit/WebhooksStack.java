package com.devcard.webhooks.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Everything the service needs to run, real and private to one caller: a database of its own,
 * Temporal's test server on a free loopback port with the search attributes registered, and a
 * master key and token secret made for it. The service reaches them through the same settings as in
 * production ({@link #settings()}).
 *
 * <p>A stack {@link #start() shares} the JVM's PostgreSQL and runs Temporal in this JVM; a {@link
 * #startRestartable() restartable} one owns a PostgreSQL server and a Temporal process, which a
 * test may stop and start again to stage an outage.
 */
public final class WebhooksStack implements AutoCloseable {

  public static final String NAMESPACE = "default";

  private final PostgresServer postgres;
  private final String database;
  private final TemporalFrontend temporal;
  private final boolean ownsServers;
  private final String masterKeyJson;
  private final String jwtSecret;

  private WebhooksStack(
      PostgresServer postgres, String database, TemporalFrontend temporal, boolean ownsServers) {
    this.postgres = postgres;
    this.database = database;
    this.temporal = temporal;
    this.ownsServers = ownsServers;
    this.masterKeyJson = TestKeys.newMasterKeyJson();
    this.jwtSecret = TestKeys.newJwtSecret();
  }

  /** A database on the JVM's PostgreSQL and a Temporal server in this JVM. */
  public static WebhooksStack start() {
    return new WebhooksStack(
        TestDatabases.server(),
        TestDatabases.newDatabase(),
        TemporalServer.start(0, NAMESPACE),
        false);
  }

  /**
   * A PostgreSQL server and a Temporal process of the stack's own, on free ports, for a test to
   * stop and start again ({@link #postgres()}, {@link #temporalProcess()}).
   */
  public static WebhooksStack startRestartable() {
    TestDatabases.keepLiquibaseOffline();
    PostgresServer postgres = PostgresServer.throwaway();
    try {
      return new WebhooksStack(
          postgres, "postgres", TemporalServerProcess.start(FreePorts.next()), true);
    } catch (RuntimeException failed) {
      closeQuietly(postgres, failed);
      throw failed;
    }
  }

  public String jdbcUrl() {
    return postgres.jdbcUrl(database);
  }

  /** A client on this stack's database, a fresh connection per statement: it survives outages. */
  public JdbcClient jdbc() {
    return postgres.jdbc(database);
  }

  public String temporalAddress() {
    return temporal.address();
  }

  public String masterKeyJson() {
    return masterKeyJson;
  }

  public String jwtSecret() {
    return jwtSecret;
  }

  /** The stack's own PostgreSQL, to stop and start again: a restartable stack's only. */
  public PostgresServer postgres() {
    requireOwnServers();
    return postgres;
  }

  /** The stack's own Temporal process, to kill and start again: a restartable stack's only. */
  public TemporalServerProcess temporalProcess() {
    requireOwnServers();
    return (TemporalServerProcess) temporal;
  }

  private void requireOwnServers() {
    if (!ownsServers) {
      // Stopping the JVM's PostgreSQL would take every other stack's database down with it.
      throw new IllegalStateException("this stack shares its servers; start a restartable one");
    }
  }

  /**
   * The service's settings for this stack, by property name: operators set the same settings as
   * environment variables, which Spring maps to these names.
   */
  public Map<String, Object> settings() {
    return Map.of(
        "spring.datasource.url",
        jdbcUrl(),
        "spring.datasource.username",
        PostgresServer.USER,
        "spring.datasource.password",
        "",
        "temporal.address",
        temporalAddress(),
        "temporal.namespace",
        NAMESPACE,
        "webhooks.master-key",
        masterKeyJson,
        "webhooks.jwt.secret",
        jwtSecret);
  }

  @Override
  public void close() {
    temporal.close();
    if (ownsServers) {
      try {
        postgres.close();
      } catch (IOException exception) {
        throw new UncheckedIOException(exception);
      }
    }
  }

  private static void closeQuietly(PostgresServer postgres, RuntimeException failed) {
    try {
      postgres.close();
    } catch (IOException | RuntimeException closing) {
      failed.addSuppressed(closing);
    }
  }
}
