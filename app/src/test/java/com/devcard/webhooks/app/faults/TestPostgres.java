package com.devcard.webhooks.app.faults;

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
 * A real PostgreSQL server owned by the test, not by the app under test: the app reaches it through
 * {@code SPRING_DATASOURCE_URL}, and the test stops it and starts it again on the same port and
 * data folder, or lets it outlive a killed app.
 */
final class TestPostgres implements AutoCloseable {

  private final Path dataDirectory;
  private final int port;
  private EmbeddedPostgres server;

  private TestPostgres(Path dataDirectory, int port) {
    this.dataDirectory = dataDirectory;
    this.port = port;
  }

  static TestPostgres start() {
    try {
      TestPostgres postgres =
          new TestPostgres(Files.createTempDirectory("fault-postgres-"), FreePorts.next());
      postgres.startAgain();
      return postgres;
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    }
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  /** A fresh connection per statement, so the test's own queries survive an outage. */
  JdbcClient jdbc() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(jdbcUrl());
    dataSource.setUser("postgres");
    return JdbcClient.create(dataSource);
  }

  /** A fast shutdown: connections are cut, the data stays. */
  void stop() {
    if (server != null) {
      try {
        server.close();
      } catch (IOException exception) {
        throw new UncheckedIOException(exception);
      } finally {
        server = null;
      }
    }
  }

  /** Starts on the same port with the same data folder. */
  void startAgain() {
    try {
      server =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setPGStartupWait(Duration.ofSeconds(30))
              .setServerConfig("max_connections", "200")
              .start();
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    }
  }

  @Override
  public void close() throws IOException {
    stop();
    try (Stream<Path> paths = Files.walk(dataDirectory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
