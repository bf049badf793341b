package com.devcard.webhooks.api;

import com.devcard.webhooks.testkit.FreePorts;
import com.devcard.webhooks.testkit.TemporalServer;
import com.devcard.webhooks.testkit.WebhooksStack;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;

/**
 * Temporal for the api's tests: clients as the application builds them, one real in-process server
 * per test JVM for tests without Spring, and a client of a Temporal that is down.
 */
public final class TestTemporal {

  private static WorkflowClient shared;

  private TestTemporal() {}

  /** A client of the JVM's server, started on first use and stopped when the JVM exits. */
  public static synchronized WorkflowClient client() {
    if (shared == null) {
      TemporalServer server = TemporalServer.start(0, WebhooksStack.NAMESPACE);
      WorkflowServiceStubs stubs = stubs(server.address());
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    stubs.shutdownNow();
                    server.close();
                  },
                  "test-temporal-stop"));
      shared = client(stubs);
    }
    return shared;
  }

  /**
   * A client of an address where nothing listens, giving up within about a second, as the api does
   * when Temporal is down.
   */
  public static WorkflowClient unreachable() {
    return client(
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + FreePorts.next())
                .setRpcTimeout(Duration.ofMillis(500))
                .setSystemInfoTimeout(Duration.ofMillis(500))
                .setRpcRetryOptions(
                    RpcRetryOptions.newBuilder()
                        .setExpiration(Duration.ofSeconds(1))
                        .setMaximumAttempts(2)
                        .build())
                .build()));
  }

  /** Stubs that connect lazily, as the application's do. */
  public static WorkflowServiceStubs stubs(String address) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
  }

  public static WorkflowClient client(WorkflowServiceStubs stubs) {
    return WorkflowClient.newInstance(
        stubs, WorkflowClientOptions.newBuilder().setNamespace(WebhooksStack.NAMESPACE).build());
  }
}
