package com.devcard.webhooks.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The application under test, in its own JVM from its repackaged jar, configured like production:
 * PostgreSQL and Temporal by address, its roles by {@code WEBHOOKS_ROLES} (both unless the
 * environment says otherwise). Its log goes to a file.
 */
final class AppJvm implements AutoCloseable {

  private final Process process;
  private final int port;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private AppJvm(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * @param jvmOptions extra options, such as a flight recording
   */
  static AppJvm start(
      Path jar, int port, Map<String, String> environment, List<String> jvmOptions, Path log) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.add("--enable-native-access=ALL-UNNAMED");
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    ProcessBuilder builder = new ProcessBuilder(command);
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("SPRING_") || k.startsWith("WEBHOOKS_"));
    builder.environment().putAll(environment);
    builder.environment().put("SERVER_PORT", String.valueOf(port));
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    try {
      AppJvm app = new AppJvm(builder.start(), port);
      app.awaitHealthy(log);
      return app;
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    }
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** Live platform threads of the app (virtual threads are not counted: they cost no OS thread). */
  double liveThreads() {
    return metric("jvm_threads_live_threads", "");
  }

  /** Heap in use right after a full collection, in bytes. */
  double heapAfterGc() {
    jcmd("GC.run");
    return metric("jvm_memory_used_bytes", "area=\"heap\"");
  }

  /** Runs a diagnostic command in the app JVM, for instance to dump a flight recording. */
  String jcmd(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
    command.add(String.valueOf(process.pid()));
    command.addAll(List.of(arguments));
    try {
      Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(jcmd.getInputStream().readAllBytes());
      jcmd.waitFor(60, TimeUnit.SECONDS);
      return output;
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    } catch (InterruptedException exception) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(exception);
    }
  }

  /** The sum of a Prometheus metric's series whose labels contain {@code labelFilter}. */
  double metric(String name, String labelFilter) {
    double sum = 0;
    for (String line : get("/actuator/prometheus").split("\n")) {
      boolean series = line.startsWith(name + "{") || line.startsWith(name + " ");
      if (series && line.contains(labelFilter)) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  private String get(String path) {
    try {
      return http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    } catch (InterruptedException exception) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(exception);
    }
  }

  private void awaitHealthy(Path log) {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the app exited at startup; see " + log);
      }
      try {
        HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(3))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      } catch (InterruptedException exception) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(exception);
      }
      Bench.pause(Duration.ofMillis(500));
    }
    throw new IllegalStateException("the app did not become healthy; see " + log);
  }

  /** A graceful stop, as a deployment would do it; forced after 40 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(40, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
