package com.devcard.webhooks.app.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on a JDK HTTP server: it records every request (its {@code webhook-id} and
 * body) and answers with a status the test sets, optionally holding each request until the test
 * opens a gate.
 */
final class RecordingReceiver implements AutoCloseable {

  /** One request as the receiver saw it. */
  record Received(String webhookId, byte[] body, long receivedAtNanos) {}

  private final HttpServer server;
  private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private final AtomicInteger answered = new AtomicInteger();
  private volatile int status = 204;
  private volatile CountDownLatch gate = new CountDownLatch(0);

  private RecordingReceiver(HttpServer server) {
    this.server = server;
  }

  static RecordingReceiver start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
      RecordingReceiver receiver = new RecordingReceiver(server);
      server.createContext("/", receiver::handle);
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.start();
      return receiver;
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  void answer(int status) {
    this.status = status;
  }

  /** From now on every request waits until {@link #openGate()} (at most 30 s). */
  void closeGate() {
    gate = new CountDownLatch(1);
  }

  void openGate() {
    gate.countDown();
  }

  /** Requests held at the gate right now. */
  int waiting() {
    return waiting.get();
  }

  /** Requests answered so far. */
  int answered() {
    return answered.get();
  }

  int count() {
    return received.size();
  }

  List<Received> received() {
    return new ArrayList<>(received);
  }

  Collection<String> webhookIds() {
    return received.stream().map(Received::webhookId).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      received.add(
          new Received(
              exchange.getRequestHeaders().getFirst("webhook-id"), body, System.nanoTime()));
      CountDownLatch current = gate;
      if (current.getCount() > 0) {
        waiting.incrementAndGet();
        try {
          current.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
        } finally {
          waiting.decrementAndGet();
        }
      }
      exchange.sendResponseHeaders(status, -1);
      answered.incrementAndGet();
    }
  }

  @Override
  public void close() {
    openGate();
    server.stop(0);
  }
}
