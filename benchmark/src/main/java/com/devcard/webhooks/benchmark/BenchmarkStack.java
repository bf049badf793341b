package com.devcard.webhooks.benchmark;

import com.devcard.webhooks.store.secret.SecretCipher;
import com.devcard.webhooks.testkit.FreePorts;
import com.devcard.webhooks.testkit.PostgresServer;
import com.devcard.webhooks.testkit.TemporalServerProcess;
import com.devcard.webhooks.testkit.TestKeys;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.GrpcCompression;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything one run needs, started in order and closed in reverse: PostgreSQL (zonky, its own
 * process), Temporal's port-bound test server (in this JVM), the receivers (in this JVM), and the
 * app with both roles (its own JVM).
 */
final class BenchmarkStack implements AutoCloseable {

  /** Failed attempts wait long enough that no retry falls inside the run. */
  static final String RETRY_DELAYS = "30m,1h,2h";

  final Path workDirectory;
  final PostgresServer postgres;
  private final TemporalServerProcess temporal;
  final String temporalAddress;
  final WorkflowServiceStubs stubs;
  final WorkflowClient client;
  final Receiver receiver;
  final List<SilentReceiver> silentReceivers = new ArrayList<>();
  final AppJvm app;
  final Tokens tokens;
  final Api api;
  final Database database;
  final CpuMeter cpu;
  private final Path appJar;
  private final List<String> appJvmOptions;
  private final Map<String, String> appEnvironment;

  private BenchmarkStack(
      Path appJar, Path workDirectory, List<String> appJvmOptions, Map<String, String> settings)
      throws IOException {
    this.workDirectory = workDirectory;
    this.appJar = appJar;
    this.appJvmOptions = appJvmOptions;
    Bench.log("starting PostgreSQL");
    // Durable, as production's: the benchmark measures fsync'd commits.
    postgres = PostgresServer.keepingData(workDirectory.resolve("postgres"), FreePorts.next());
    String jdbcUrl = postgres.jdbcUrl();
    database = new Database(jdbcUrl);

    Bench.log("starting the Temporal test server");
    temporal = TemporalServerProcess.start(FreePorts.next());
    temporalAddress = temporal.address();
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(temporalAddress)
                // as the app's stubs: the ceiling must run with the app's settings
                .setGrpcCompression(GrpcCompression.NONE)
                .build());
    client = WorkflowClient.newInstance(stubs);

    receiver = Receiver.start();
    for (int i = 0; i < 10; i++) {
      silentReceivers.add(SilentReceiver.start());
    }

    String jwtSecret = TestKeys.newJwtSecret();
    tokens = new Tokens(jwtSecret);
    Map<String, String> environment = new HashMap<>();
    environment.put("SPRING_PROFILES_ACTIVE", "benchmark");
    environment.put("SPRING_DATASOURCE_URL", jdbcUrl);
    environment.put("SPRING_DATASOURCE_USERNAME", "postgres");
    environment.put("SPRING_DATASOURCE_PASSWORD", "");
    environment.put("TEMPORAL_ADDRESS", temporalAddress);
    environment.put("WEBHOOKS_MASTER_KEY", SecretCipher.newKeysetJson());
    environment.put("WEBHOOKS_JWT_SECRET", jwtSecret);
    environment.put("WEBHOOKS_ALLOW_HTTP", "true");
    environment.put("WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
    environment.put("WEBHOOKS_RETRY_DELAYS", RETRY_DELAYS);
    // The full sweep re-checks every pending delivery against Temporal; kept out of the figures.
    environment.put("WEBHOOKS_RECONCILER_FULL_SWEEP_EVERY", "1h");
    // Figure 11: the retention sweep works through its backlog without waiting a minute between
    // runs. Nothing else the benchmark writes is old enough for it.
    environment.put("WEBHOOKS_RETENTION_SWEEP_EVERY", "1s");
    environment.putAll(settings);
    appEnvironment = Map.copyOf(environment);
    Bench.log("starting the app from %s", appJar.getFileName());
    app =
        AppJvm.start(
            appJar, FreePorts.next(), environment, appJvmOptions, workDirectory.resolve("app.log"));
    api = new Api(app.port());
    cpu = new CpuMeter(app.pid(), temporal::pid, workDirectory.resolve("postgres"));
  }

  /**
   * Starts another process of the app with the worker role alone, against the same PostgreSQL and
   * Temporal, with the same settings; the caller closes it. Its log is {@code <name>.log}.
   */
  AppJvm startWorker(String name) {
    Map<String, String> environment = new HashMap<>(appEnvironment);
    environment.put("WEBHOOKS_ROLES", "worker");
    Bench.log("starting %s, a second app process with the worker role alone", name);
    return AppJvm.start(
        appJar, FreePorts.next(), environment, appJvmOptions, workDirectory.resolve(name + ".log"));
  }

  /**
   * Replaces the Temporal server with an empty one on the same port. The test server gets slower
   * the longer it runs, which a production server does not (see {@link TemporalServerProcess}):
   * each figure starts on a fresh one. Workers and clients reconnect by themselves; workflows of
   * earlier figures are gone, their deliveries stay in the database.
   */
  void restartTemporal() {
    Bench.log("restarting the Temporal test server");
    temporal.restart();
  }

  static BenchmarkStack start(
      Path appJar, Path workDirectory, List<String> appJvmOptions, Map<String, String> settings) {
    try {
      deleteRecursively(workDirectory); // what an interrupted run left behind
      Files.createDirectories(workDirectory);
      return new BenchmarkStack(appJar, workDirectory, appJvmOptions, settings);
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    }
  }

  private static void deleteRecursively(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  @Override
  public void close() throws IOException {
    app.close();
    stubs.shutdownNow();
    temporal.close();
    receiver.close();
    for (SilentReceiver silent : silentReceivers) {
      silent.close();
    }
    postgres.close();
  }
}
