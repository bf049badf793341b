package com.devcard.webhooks.app.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A receiver that misbehaves on the wire, written on plain sockets so nothing smooths it over: it
 * reads the request, then never answers, or streams 100 MB, or drips its answer byte by byte, or
 * sends a header that never ends.
 */
final class HostileReceiver implements AutoCloseable {

  enum Behaviour {
    /** Accepts and reads the request, then never writes a byte. */
    SILENT,
    /** A 200 at once, followed by a 100 MB body as fast as the socket takes it. */
    HUGE_BODY,
    /** The status line and headers, one byte every 200 ms. */
    TRICKLE_HEADERS,
    /** A 200 with its headers at once, then the body one byte every 100 ms. */
    TRICKLE_BODY,
    /** A 200 whose first header goes on for 100 MB, as fast as the socket takes it. */
    HEADER_BOMB
  }

  static final long HUGE_BODY_BYTES = 100L * 1024 * 1024;

  private final ServerSocket server;
  private final Behaviour behaviour;
  private final Queue<Socket> connections = new ConcurrentLinkedQueue<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicLong maxBodyBytesSent = new AtomicLong();

  private HostileReceiver(ServerSocket server, Behaviour behaviour) {
    this.server = server;
    this.behaviour = behaviour;
  }

  static HostileReceiver start(Behaviour behaviour) {
    try {
      ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
      HostileReceiver receiver = new HostileReceiver(server, behaviour);
      Thread.ofVirtual().name("hostile-accept-" + behaviour).start(receiver::acceptLoop);
      return receiver;
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    }
  }

  String url() {
    return "http://127.0.0.1:"
        + server.getLocalPort()
        + "/"
        + behaviour.name().toLowerCase(Locale.ROOT);
  }

  int requests() {
    return requests.get();
  }

  /** The most body (or header) bytes one connection managed to push before the client hung up. */
  long maxBodyBytesSent() {
    return maxBodyBytesSent.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.add(socket);
        Thread.ofVirtual().start(() -> serve(socket));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      readRequest(in);
      requests.incrementAndGet();
      OutputStream out = socket.getOutputStream();
      switch (behaviour) {
        case SILENT -> in.transferTo(OutputStream.nullOutputStream()); // until the client hangs up
        case HUGE_BODY -> streamHugeBody(out);
        case HEADER_BOMB -> {
          out.write(ascii("HTTP/1.1 200 OK\r\nX-Bomb: "));
          streamFiller(out);
        }
        case TRICKLE_HEADERS ->
            drip(
                out,
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok",
                200);
        case TRICKLE_BODY -> {
          out.write(
              ascii(
                  "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n"));
          out.flush();
          drip(out, "x".repeat(100_000), 100);
        }
      }
    } catch (IOException | InterruptedException hungUp) {
      // The client gave up on us, which is the point.
    }
  }

  private void streamHugeBody(OutputStream out) throws IOException {
    out.write(
        ascii(
            "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                + HUGE_BODY_BYTES
                + "\r\n\r\n"));
    streamFiller(out);
  }

  private void streamFiller(OutputStream out) throws IOException {
    byte[] chunk = new byte[64 * 1024];
    long sent = 0;
    try {
      while (sent < HUGE_BODY_BYTES) {
        out.write(chunk);
        sent += chunk.length;
      }
      out.flush();
    } finally {
      long total = sent;
      maxBodyBytesSent.accumulateAndGet(total, Math::max);
    }
  }

  private static void drip(OutputStream out, String text, long everyMillis)
      throws IOException, InterruptedException {
    for (byte b : ascii(text)) {
      out.write(b);
      out.flush();
      Thread.sleep(everyMillis);
    }
  }

  /** Reads the head and a Content-Length body, so the client is never stuck sending. */
  private static void readRequest(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("request ended early");
      }
      head.append((char) b);
    }
    long length = 0;
    for (String line : head.toString().split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Long.parseLong(line.substring("content-length:".length()).trim());
      }
    }
    in.readNBytes((int) length);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : connections) {
      socket.close();
    }
  }
}
