package com.devcard.webhooks.testkit;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's in-memory test server as a real gRPC frontend on 127.0.0.1 (never on every interface:
 * it has no authentication), in real time, with the delivery search attributes registered. The
 * SDK's own {@code TestServer.createPortBoundServer} binds every interface, so the services are
 * bound here the same way on the loopback address only.
 */
public final class TemporalServer implements TemporalFrontend {

  private static final String HOST = "127.0.0.1";

  private final TestServicesStarter services;
  private final Server server;
  private final int port;

  private TemporalServer(TestServicesStarter services, Server server, int port) {
    this.services = services;
    this.server = server;
    this.port = port;
  }

  /** Starts on the port (0: a free one) and registers the search attributes on the namespace. */
  public static TemporalServer start(int requestedPort, String namespace) {
    int port = requestedPort > 0 ? requestedPort : FreePorts.next();
    // Real time: timers fire when they are due, as on a real server. The flag locks the test
    // server's time skipping, which would otherwise fire a waiting workflow's timers at once.
    TestServicesStarter services = new TestServicesStarter(true, 0);
    ServerBuilder<?> builder =
        NettyServerBuilder.forAddress(
            new InetSocketAddress(HOST, port), InsecureServerCredentials.create());
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    Server server;
    try {
      server = builder.build().start();
    } catch (IOException exception) {
      services.close();
      throw new UncheckedIOException(
          "Temporal's test server did not start on " + HOST + ":" + port, exception);
    }
    TemporalServer started = new TemporalServer(services, server, port);
    SearchAttributeRegistration.register(started.address(), namespace);
    return started;
  }

  @Override
  public String address() {
    return HOST + ":" + port;
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    services.close();
  }
}
