package com.devcard.webhooks.testkit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import liquibase.exception.LiquibaseException;
import liquibase.integration.spring.SpringLiquibase;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * One PostgreSQL server per test JVM, started on first use and stopped when the JVM exits, with a
 * database of its own for each caller, so tests never see each other's rows and pay the server's
 * start once.
 */
public final class TestDatabases {

  /** The store's Liquibase changelog, on the classpath of every module that has the store. */
  public static final String CHANGELOG = "classpath:db/changelog/db.changelog-master.yaml";

  private static final AtomicInteger DATABASE_NUMBER = new AtomicInteger();
  private static final List<HikariDataSource> POOLS = new CopyOnWriteArrayList<>();
  private static PostgresServer server;

  private TestDatabases() {}

  /** The JVM's server. */
  public static synchronized PostgresServer server() {
    if (server == null) {
      keepLiquibaseOffline();
      server = PostgresServer.throwaway();
      Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::stop, "test-databases-stop"));
    }
    return server;
  }

  /** Liquibase would otherwise try to report usage over the network. */
  static void keepLiquibaseOffline() {
    System.setProperty("liquibase.analytics.enabled", "false");
  }

  /** The name of a new, empty database ({@code test_<n>}) on the JVM's server. */
  public static String newDatabase() {
    String name = "test_" + DATABASE_NUMBER.incrementAndGet();
    server().jdbc("postgres").sql("create database " + name).update();
    return name;
  }

  /** A new database with the changelog applied, behind a small pool closed when the JVM exits. */
  public static DataSource newMigratedDataSource() {
    DataSource dataSource = pooled(newDatabase());
    migrate(dataSource);
    return dataSource;
  }

  /** Applies the store's changelog. */
  public static void migrate(DataSource dataSource) {
    SpringLiquibase liquibase = new SpringLiquibase();
    liquibase.setDataSource(dataSource);
    liquibase.setChangeLog(CHANGELOG);
    liquibase.setResourceLoader(new DefaultResourceLoader());
    try {
      liquibase.afterPropertiesSet();
    } catch (LiquibaseException exception) {
      throw new IllegalStateException("the changelog could not be applied", exception);
    }
  }

  private static DataSource pooled(String database) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server().jdbcUrl(database));
    config.setUsername(PostgresServer.USER);
    // Enough for the concurrency tests; idle connections close, so many databases stay cheap.
    config.setMaximumPoolSize(25);
    config.setMinimumIdle(0);
    config.setIdleTimeout(10_000);
    config.setPoolName(database);
    HikariDataSource pool = new HikariDataSource(config);
    POOLS.add(pool);
    return pool;
  }

  private static void stop() {
    POOLS.forEach(HikariDataSource::close);
    try {
      server.close();
    } catch (IOException exiting) {
      // The JVM is exiting; the folder is temporary.
    }
  }
}
