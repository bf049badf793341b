package com.devcard.webhooks.app.faults;

import com.devcard.webhooks.workflows.SearchAttributeRegistration;
import io.temporal.testserver.TestServer;

/**
 * Temporal's in-memory server in a process of its own, so that a test can kill it outright: a
 * server closed inside the test JVM keeps answering the connections it already has for a while,
 * which is no restart at all.
 */
public final class TemporalServerMain {

  static final String READY = "temporal-test-server-ready";

  private TemporalServerMain() {}

  public static void main(String[] args) throws InterruptedException {
    int port = Integer.parseInt(args[0]);
    TestServer.createPortBoundServer(port);
    SearchAttributeRegistration.register("127.0.0.1:" + port, "default");
    System.out.println(READY);
    Thread.currentThread().join();
  }
}
