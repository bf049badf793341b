package com.devcard.webhooks.app.faults;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's in-memory server on a fixed port, in a process of its own that the test owns: it
 * outlives a killed app, and a restart kills it with SIGKILL and starts an empty one, as a crashed
 * in-memory server would come back.
 */
final class TestTemporal implements AutoCloseable {

  private final int port;
  private Process server;

  private TestTemporal(int port) {
    this.port = port;
  }

  static TestTemporal start() {
    TestTemporal temporal = new TestTemporal(FreePorts.next());
    temporal.startFresh();
    return temporal;
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  /** Kills the server, losing every workflow, and starts an empty one on the same port. */
  void restart() {
    kill();
    startFresh();
  }

  /**
   * The status of a workflow on the server running now; empty when this server never heard of it.
   */
  Optional<WorkflowExecutionStatus> statusOf(String workflowId) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(address()).build());
    try {
      return Optional.of(
          WorkflowClient.newInstance(stubs)
              .newUntypedWorkflowStub(workflowId)
              .describe()
              .getStatus());
    } catch (WorkflowNotFoundException unknown) {
      return Optional.empty();
    } finally {
      stubs.shutdown();
    }
  }

  private void startFresh() {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            TemporalServerMain.class.getName(),
            String.valueOf(port));
    try {
      server = new ProcessBuilder(command).redirectErrorStream(true).start();
      BufferedReader output =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = output.readLine()) != null) {
        if (line.contains(TemporalServerMain.READY)) {
          // Keep reading, so the server never blocks on a full pipe.
          Thread.ofVirtual().start(() -> drain(output));
          return;
        }
      }
      throw new IllegalStateException("the Temporal test server exited at startup");
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    }
  }

  private static void drain(BufferedReader output) {
    try {
      while (output.readLine() != null) {
        // discarded
      }
    } catch (IOException closed) {
      // the server is gone
    }
  }

  private void kill() {
    server.destroyForcibly();
    try {
      server.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
  }
}
