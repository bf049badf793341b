package com.devcard.webhooks.api.testing;

import com.devcard.webhooks.api.TestTemporal;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;

/** A client of a Temporal that is not there: a port nobody listens on, and short deadlines. */
public final class UnreachableTemporal implements AutoCloseable {

  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;

  public UnreachableTemporal() {
    stubs = TestTemporal.unreachableStubs();
    client = WorkflowClient.newInstance(stubs);
  }

  public WorkflowClient client() {
    return client;
  }

  @Override
  public void close() {
    stubs.shutdownNow();
  }
}
