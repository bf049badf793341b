package com.devcard.webhooks.benchmark;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * The local webhook receiver: a minimal HTTP/1.1 server on virtual threads, so that it is never
 * what limits a measurement. Paths under {@code /ok/} answer 204 at once, paths under {@code
 * /fail/} answer 503 at once, paths under {@code /gone/} answer 410 at once. It notes when each
 * {@code webhook-id} first arrived, and when each request to a {@linkplain #watch watched} path
 * did.
 */
final class Receiver implements AutoCloseable {

  private static final byte[] NO_CONTENT =
      "HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] UNAVAILABLE =
      "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII);
  private static final byte[] GONE =
      "HTTP/1.1 410 Gone\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final ServerSocket server;
  private final Queue<Socket> connections = new ConcurrentLinkedQueue<>();
  private final Map<String, Long> firstReceipt = new ConcurrentHashMap<>();
  private final LongAdder requests = new LongAdder();
  private final Map<String, Queue<Long>> arrivals = new ConcurrentHashMap<>();

  private Receiver(ServerSocket server) {
    this.server = server;
  }

  static Receiver start() {
    try {
      Receiver receiver = new Receiver(new ServerSocket(0, 1000, InetAddress.getLoopbackAddress()));
      Thread.ofPlatform().daemon().name("receiver-accept").start(receiver::acceptLoop);
      return receiver;
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getLocalPort() + path;
  }

  long requests() {
    return requests.sum();
  }

  /** From now on, notes when each request to this path (as given to {@link #url}) arrives. */
  void watch(String path) {
    arrivals.putIfAbsent(path, new ConcurrentLinkedQueue<>());
  }

  /** {@link System#nanoTime()} of each request to a watched path so far, in arrival order. */
  List<Long> arrivals(String path) {
    Queue<Long> watched = arrivals.get(path);
    if (watched == null) {
      throw new IllegalArgumentException("not watched: " + path);
    }
    return List.copyOf(watched);
  }

  /** {@link System#nanoTime()} when the request with this {@code webhook-id} first arrived. */
  Long firstReceiptNanos(String webhookId) {
    return firstReceipt.get(webhookId);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        connections.add(socket);
        Thread.ofVirtual().start(() -> serve(socket));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1024);
      StringBuilder line = new StringBuilder(256);
      while (true) {
        String target = null;
        String webhookId = null;
        long contentLength = 0;
        // Request line and headers, up to the empty line.
        while (true) {
          if (!readLine(in, line)) {
            return;
          }
          if (line.isEmpty()) {
            if (target == null) {
              continue; // stray CRLF between requests
            }
            break;
          }
          if (target == null) {
            int space = line.indexOf(" ");
            target = line.substring(space + 1, line.indexOf(" ", space + 1));
          } else if (startsWithIgnoreCase(line, "content-length:")) {
            contentLength = Long.parseLong(line.substring(15).trim());
          } else if (startsWithIgnoreCase(line, "webhook-id:")) {
            webhookId = line.substring(11).trim();
          }
        }
        long arrived = System.nanoTime();
        if (webhookId != null) {
          firstReceipt.putIfAbsent(webhookId, arrived);
        }
        Queue<Long> watched = arrivals.get(target);
        if (watched != null) {
          watched.add(arrived);
        }
        in.skipNBytes(contentLength);
        requests.increment();
        out.write(answer(target));
        out.flush();
      }
    } catch (IOException closed) {
      // The client closed its connection.
    }
  }

  private static byte[] answer(String target) {
    if (target.startsWith("/fail/")) {
      return UNAVAILABLE;
    }
    return target.startsWith("/gone/") ? GONE : NO_CONTENT;
  }

  private static boolean readLine(InputStream in, StringBuilder line) throws IOException {
    line.setLength(0);
    while (true) {
      int b = in.read();
      if (b < 0) {
        return false;
      }
      if (b == '\n') {
        int last = line.length() - 1;
        if (last >= 0 && line.charAt(last) == '\r') {
          line.setLength(last);
        }
        return true;
      }
      line.append((char) b);
    }
  }

  private static boolean startsWithIgnoreCase(StringBuilder line, String prefix) {
    return line.length() >= prefix.length()
        && line.substring(0, prefix.length()).equalsIgnoreCase(prefix);
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : connections) {
      socket.close();
    }
  }
}
