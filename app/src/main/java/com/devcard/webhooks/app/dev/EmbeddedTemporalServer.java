package com.devcard.webhooks.app.dev;

import com.devcard.webhooks.workflows.SearchAttributeRegistration;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * Temporal's in-memory test server as a real gRPC frontend on a port, in real time, with the
 * delivery search attributes registered. Its state goes with the process; PostgreSQL keeps the
 * deliveries and the reconciler restarts their workflows.
 */
final class EmbeddedTemporalServer implements AutoCloseable {

  private final TestServer.PortBoundTestServer server;
  private final int port;

  private EmbeddedTemporalServer(TestServer.PortBoundTestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  static EmbeddedTemporalServer start(int requestedPort, String namespace) {
    int port = requestedPort > 0 ? requestedPort : freePort();
    TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(port);
    EmbeddedTemporalServer started = new EmbeddedTemporalServer(server, port);
    SearchAttributeRegistration.register(started.address(), namespace);
    return started;
  }

  String address() {
    return "127.0.0.1:" + port;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
