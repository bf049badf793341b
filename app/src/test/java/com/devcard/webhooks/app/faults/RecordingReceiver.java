package com.devcard.webhooks.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A webhook receiver on a JDK HTTP server: it records every request (its {@code webhook-id} and
 * body) and answers with a status the test sets, optionally holding each request until the test
 * opens a gate, or failing the first request of each delivery on some paths.
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
  private final Set<String> seenWebhookIds = ConcurrentHashMap.newKeySet();
  private volatile String failFirstOnPathsWith;
  private volatile int failFirstStatus;

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

  /**
   * From now on the first request this receiver sees of each {@code webhook-id} is answered with
   * {@code status} when its path contains {@code pathPart}; a later one of the same id, the usual
   * status.
   */
  void failFirstRequestOn(String pathPart, int status) {
    this.failFirstStatus = status;
    this.failFirstOnPathsWith = pathPart;
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

  /** How many requests this receiver has seen of each {@code webhook-id}. */
  Map<String, Long> requestsByWebhookId() {
    return received.stream()
        .collect(Collectors.groupingBy(Received::webhookId, Collectors.counting()));
  }

  /** Every request seen again under the same {@code webhook-id} carried the same body. */
  void assertRepeatsCarryTheSameBody() {
    Map<String, String> firstBody = new HashMap<>();
    for (Received request : received) {
      String body = new String(request.body(), StandardCharsets.UTF_8);
      assertThat(firstBody.putIfAbsent(request.webhookId(), body))
          .as("a repeated request of %s carries the same body", request.webhookId())
          .isIn(null, body);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      String webhookId = exchange.getRequestHeaders().getFirst("webhook-id");
      received.add(new Received(webhookId, body, System.nanoTime()));
      boolean first = webhookId != null && seenWebhookIds.add(webhookId);
      String failFirstOn = failFirstOnPathsWith;
      int answer =
          first && failFirstOn != null && exchange.getRequestURI().getPath().contains(failFirstOn)
              ? failFirstStatus
              : status;
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
      exchange.sendResponseHeaders(answer, -1);
      answered.incrementAndGet();
    }
  }

  @Override
  public void close() {
    openGate();
    server.stop(0);
  }
}
