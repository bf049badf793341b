package com.devcard.webhooks.app.faults;

import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.testkit.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The application as a separate JVM, started from the repackaged jar the build just made, exactly
 * as it runs in production: PostgreSQL and Temporal are reached by address, so they outlive it. Its
 * output goes to a log file under {@code target/fault-logs}.
 */
public final class AppProcess implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofSeconds(120);

  private final String name;
  private final Map<String, String> environment;
  private final int port = FreePorts.next();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private Process process;
  private int starts;

  /**
   * @param environment what the app is configured with (on top of its port); any profile other than
   *     {@code dev} starts no embedded server
   */
  AppProcess(String name, Map<String, String> environment) {
    this.name = name;
    this.environment = Map.copyOf(environment);
  }

  int port() {
    return port;
  }

  /** Starts the JVM and waits until its health answers UP. */
  void start() {
    launch();
    awaitHealthy();
  }

  /** Starts every JVM at once, then waits until each one's health answers UP. */
  static void startAll(AppProcess... processes) {
    for (AppProcess process : processes) {
      process.launch();
    }
    for (AppProcess process : processes) {
      process.awaitHealthy();
    }
  }

  /** The log of the JVM started last. */
  Path log() {
    return logDirectory().resolve(name + "-" + starts + ".log");
  }

  private void launch() {
    starts++;
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(
        List.of("-Xmx512m", "--enable-native-access=ALL-UNNAMED", "-jar", jar().toString()));
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("WEBHOOKS_"));
    env.putAll(environment);
    env.put("SERVER_PORT", String.valueOf(port));
    builder.redirectErrorStream(true).redirectOutput(log().toFile());
    try {
      process = builder.start();
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    }
  }

  /** SIGKILL: no shutdown hook, no graceful stop, connections cut mid-request. */
  void kill() {
    process.destroyForcibly();
    waitForExit();
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!waitForExit()) {
        kill();
      }
    }
  }

  private boolean waitForExit() {
    try {
      return process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void awaitHealthy() {
    Path log = log();
    try {
      await()
          .atMost(STARTUP)
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new IllegalStateException(name + " exited at startup; see " + log);
                }
                return healthy();
              });
    } catch (ConditionTimeoutException timedOut) {
      throw new IllegalStateException(name + " did not become healthy; see " + log, timedOut);
    }
  }

  private boolean healthy() {
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                  .timeout(Duration.ofSeconds(3))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The test JVM's own java: the toolchain's JDK, which the jar was compiled for. */
  public static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** The repackaged application jar next to this test's classes ({@code target/}). */
  public static Path jar() {
    Path target = targetDirectory();
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(file -> file.getFileName().toString().matches("app-.*-exec\\.jar"))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "no app jar in " + target + ": run the build through the package phase"));
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    }
  }

  private static Path logDirectory() {
    Path directory = targetDirectory().resolve("fault-logs");
    try {
      return Files.createDirectories(directory);
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    }
  }

  private static Path targetDirectory() {
    try {
      // target/test-classes
      Path classes =
          Path.of(AppProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return classes.getParent();
    } catch (URISyntaxException exception) {
      throw new IllegalStateException(exception);
    }
  }
}
