package com.devcard.webhooks.app.faults;

import com.devcard.webhooks.workflows.DeliverySearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.IOException;

/**
 * Temporal's in-memory server on a fixed port, owned by the test: it outlives a killed app, and a
 * restart loses every workflow, as a real in-memory server would.
 */
final class TestTemporal implements AutoCloseable {

  private final int port;
  private TestServer.PortBoundTestServer server;

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

  /** Stops the server and starts an empty one on the same port. */
  void restart() throws IOException {
    server.close();
    startFresh();
  }

  private void startFresh() {
    server = TestServer.createPortBoundServer(port);
    registerSearchAttributes();
  }

  private void registerSearchAttributes() {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(address())
                .validateAndBuildWithDefaults());
    try {
      AddSearchAttributesRequest.Builder request =
          AddSearchAttributesRequest.newBuilder().setNamespace("default");
      DeliverySearchAttributes.ALL.forEach(
          key ->
              request.putSearchAttributes(
                  key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
      operator.blockingStub().addSearchAttributes(request.build());
    } finally {
      operator.shutdown();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
