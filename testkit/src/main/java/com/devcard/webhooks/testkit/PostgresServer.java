package com.devcard.webhooks.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A real PostgreSQL 17 server (zonky's binaries from Maven) in a process of its own, listening on
 * 127.0.0.1 only. It can be stopped and started again on the same port and data folder, so a test
 * can stage an outage or let the server outlive a killed app.
 */
public final class PostgresServer implements AutoCloseable {

  /** The superuser; the server trusts it on loopback without a password. */
  public static final String USER = "postgres";

  private final Path dataDirectory;
  private final int port;
  private final boolean durable;
  private final boolean deleteDataOnClose;
  private EmbeddedPostgres server;

  private PostgresServer(Path dataDirectory, int port, boolean durable, boolean deleteDataOnClose) {
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.durable = durable;
    this.deleteDataOnClose = deleteDataOnClose;
  }

  /**
   * A server whose data is kept in the folder across restarts of this process (the dev runtime).
   */
  public static PostgresServer keepingData(Path dataDirectory, int port) {
    PostgresServer postgres = new PostgresServer(dataDirectory, port, true, false);
    postgres.startAgain();
    return postgres;
  }

  /**
   * A throwaway server on a free port, tuned for tests (no fsync): its folder goes when it closes.
   */
  public static PostgresServer throwaway() {
    try {
      PostgresServer postgres =
          new PostgresServer(
              Files.createTempDirectory("webhooks-postgres-"), FreePorts.next(), false, true);
      postgres.startAgain();
      return postgres;
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    }
  }

  public int port() {
    return port;
  }

  /** The JDBC URL of a database on this server. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** The default database's URL. */
  public String jdbcUrl() {
    return jdbcUrl("postgres");
  }

  /** A fresh connection per statement, so a test's own queries survive an outage. */
  public JdbcClient jdbc(String database) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(jdbcUrl(database));
    dataSource.setUser(USER);
    return JdbcClient.create(dataSource);
  }

  /** A fast shutdown: connections are cut, the data stays. */
  public void stop() {
    if (server == null) {
      return;
    }
    try {
      server.close();
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    } finally {
      server = null;
    }
  }

  /** Starts on the same port with the same data folder. */
  public void startAgain() {
    try {
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setRegisterShutdownHook(true)
              .setPGStartupWait(Duration.ofSeconds(60))
              .setServerConfig("listen_addresses", "127.0.0.1")
              .setServerConfig("max_connections", "400")
              .setServerConfig("timezone", "UTC");
      if (!durable) {
        builder
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off");
      }
      server = builder.start();
    } catch (IOException exception) {
      throw new UncheckedIOException(
          "PostgreSQL did not start on 127.0.0.1:" + port + " (is the port free?)", exception);
    }
  }

  @Override
  public void close() throws IOException {
    stop();
    if (deleteDataOnClose && Files.exists(dataDirectory)) {
      try (Stream<Path> paths = Files.walk(dataDirectory)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }
}
