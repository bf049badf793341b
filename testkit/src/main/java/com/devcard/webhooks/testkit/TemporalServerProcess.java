package com.devcard.webhooks.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's in-memory test server on a fixed loopback port, in a process of its own, with the
 * delivery search attributes registered.
 *
 * <p>A process of its own because a server closed inside the caller's JVM keeps answering the
 * connections it already has for a while, which is no restart at all; and because the test server
 * gets slower the longer it runs (it keeps a list of every time-skipping lock and unlock it ever
 * saw, and walks it under a global lock each time a timer fires), so a long run wants to start
 * afresh. {@link #restart()} kills it with SIGKILL and starts an empty one on the same port, as a
 * crashed in-memory server would come back.
 */
public final class TemporalServerProcess implements TemporalFrontend {

  private static final String READY = "temporal-test-server-ready";

  private final int port;
  private Process process;

  private TemporalServerProcess(int port) {
    this.port = port;
  }

  /** Starts a server on the port and returns once it answers, search attributes registered. */
  public static TemporalServerProcess start(int port) {
    TemporalServerProcess server = new TemporalServerProcess(port);
    server.startFresh();
    return server;
  }

  @Override
  public String address() {
    return "127.0.0.1:" + port;
  }

  /** The operating system's id of the server process running now. */
  public long pid() {
    return process.pid();
  }

  /** Kills the server, losing every workflow, and starts an empty one on the same port. */
  public void restart() {
    stop();
    startAgain();
  }

  /** Kills the server, losing every workflow: Temporal is down until {@link #startAgain()}. */
  public void stop() {
    kill();
  }

  /** Starts an empty server on the same port, search attributes registered, once it is down. */
  public void startAgain() {
    if (process.isAlive()) {
      throw new IllegalStateException("the Temporal server on " + address() + " is running");
    }
    startFresh();
  }

  @Override
  public void close() {
    kill();
  }

  private void startFresh() {
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx1g",
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            TemporalServerProcess.class.getName(),
            String.valueOf(port));
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
      BufferedReader output =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = output.readLine()) != null) {
        if (line.contains(READY)) {
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
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** The server process itself: {@code TemporalServerProcess <port>}. */
  public static void main(String[] args) throws InterruptedException {
    int port = Integer.parseInt(args[0]);
    TemporalServer.start(port, "default");
    System.out.println(READY);
    Thread.currentThread().join();
  }
}
