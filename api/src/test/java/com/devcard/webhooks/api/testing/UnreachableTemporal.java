package com.devcard.webhooks.api.testing;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;

/** A client of a Temporal that is not there: a port nobody listens on, and short deadlines. */
public final class UnreachableTemporal implements AutoCloseable {

  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;

  public UnreachableTemporal() {
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + closedPort())
                .setRpcTimeout(Duration.ofMillis(500))
                .setSystemInfoTimeout(Duration.ofMillis(500))
                .setRpcRetryOptions(
                    RpcRetryOptions.newBuilder()
                        .setExpiration(Duration.ofSeconds(1))
                        .setMaximumAttempts(2)
                        .validateBuildWithDefaults())
                .build());
    client = WorkflowClient.newInstance(stubs);
  }

  public WorkflowClient client() {
    return client;
  }

  @Override
  public void close() {
    stubs.shutdownNow();
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    }
  }
}
