package com.devcard.webhooks.testkit;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A webhook receiver that misbehaves on the wire, written on plain sockets so nothing between it
 * and the client smooths the answer over: it reads the request, then answers with whatever bytes
 * its script writes (never a byte, a head that never ends, an endless body, an answer dripped byte
 * by byte). After the script it waits for the client to hang up, and counts that: a connection the
 * client kept for its pool is never counted.
 *
 * <p>Each connection writes at most {@code capBytes}, then goes silent: far more than a bounded
 * client ever reads, while an unbounded one cannot take the test's JVM down with it.
 */
public final class HostileSocketServer implements AutoCloseable {

  /** What a connection answers, written after the request has been read. */
  @FunctionalInterface
  public interface Script {

    /**
     * Writes the answer.
     *
     * @param timer the server's scheduler, for a script that writes on a timer: it returns once
     *     what it scheduled has been written
     */
    void answer(OutputStream out, ScheduledExecutorService timer)
        throws IOException, InterruptedException;

    /** This script's answer, followed by {@code next}'s on the same connection. */
    default Script then(Script next) {
      return (out, timer) -> {
        answer(out, timer);
        next.answer(out, timer);
      };
    }
  }

  public static final long DEFAULT_CAP_BYTES = 64L * 1024 * 1024;

  private static final byte[] FILLER = filler();

  private final ServerSocket server;
  private final Script script;
  private final long capBytes;
  private final ScheduledThreadPoolExecutor timer = timer();
  private final Queue<Socket> sockets = new ConcurrentLinkedQueue<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger answersEnded = new AtomicInteger();
  private final AtomicInteger hangUps = new AtomicInteger();
  private final AtomicLong bytesSent = new AtomicLong();
  private final AtomicLong mostBytesSentOnOneConnection = new AtomicLong();

  /**
   * One thread for every timed write of the server. After {@link #close()} a timed script runs on
   * until its next write fails on the closed socket, so no connection waits for it forever.
   */
  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(1, Thread.ofVirtual().name("hostile-timer").factory());
    timer.setContinueExistingPeriodicTasksAfterShutdownPolicy(true);
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  private HostileSocketServer(ServerSocket server, Script script, long capBytes) {
    this.server = server;
    this.script = script;
    this.capBytes = capBytes;
  }

  public static HostileSocketServer start(Script script) {
    return start(script, DEFAULT_CAP_BYTES);
  }

  public static HostileSocketServer start(Script script, long capBytes) {
    try {
      ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
      HostileSocketServer receiver = new HostileSocketServer(server, script, capBytes);
      Thread.ofVirtual().name("hostile-accept").start(receiver::acceptLoop);
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // The scripts. Each is a receiver seen in the wild or built to hurt.

  /** Reads the request and never writes a byte. */
  public static Script silent() {
    return (out, timer) -> {};
  }

  /** Exactly these bytes, at once. */
  public static Script raw(String response) {
    return (out, timer) -> out.write(ascii(response));
  }

  /** A 200 whose first header never ends. */
  public static Script endlessHeaderLine() {
    return (out, timer) -> {
      out.write(ascii("HTTP/1.1 200 OK\r\nX-Bomb: "));
      writeForever(out);
    };
  }

  /** A 200 with {@code count} tiny headers, then an empty body. */
  public static Script shortHeaders(int count) {
    return (out, timer) -> {
      OutputStream buffered = new BufferedOutputStream(out, FILLER.length);
      buffered.write(ascii("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n"));
      for (int i = 0; i < count; i++) {
        buffered.write(ascii("X-" + i + ": v\r\n"));
      }
      buffered.write(ascii("\r\n"));
      buffered.flush();
    };
  }

  /** A status line whose reason phrase never ends. */
  public static Script endlessStatusLine() {
    return (out, timer) -> {
      out.write(ascii("HTTP/1.1 200 "));
      writeForever(out);
    };
  }

  /** A 200 with a body that ends when the connection does, and the connection never ends. */
  public static Script endlessBody() {
    return (out, timer) -> {
      out.write(ascii("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n"));
      writeForever(out);
    };
  }

  /** A 200 that announces a body of {@code length} bytes and sends it as fast as it is taken. */
  public static Script hugeBody(long length) {
    return (out, timer) -> {
      out.write(
          ascii(
              "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                  + length
                  + "\r\n\r\n"));
      for (long sent = 0; sent < length; sent += FILLER.length) {
        out.write(FILLER, 0, (int) Math.min(FILLER.length, length - sent));
      }
    };
  }

  /** A chunked 200 whose body ends at once and whose trailer section never does. */
  public static Script endlessTrailers() {
    return (out, timer) -> {
      out.write(ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n"));
      for (long i = 0; ; i++) {
        out.write(ascii("X-" + i + ": v\r\n"));
      }
    };
  }

  /** A plain 200, one byte at a time: never silent for long, never done. */
  public static Script trickle(Duration everyByte) {
    return trickle("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", everyByte);
  }

  /**
   * These bytes, one at a time, each {@code everyByte} after the one before: the first at once, the
   * script done {@code everyByte} after the last. The bytes are written on the server's timer.
   */
  public static Script trickle(String text, Duration everyByte) {
    byte[] bytes = ascii(text);
    return (out, timer) -> {
      CompletableFuture<Void> written = new CompletableFuture<>();
      AtomicInteger next = new AtomicInteger();
      Runnable writeNext =
          () -> {
            int index = next.getAndIncrement();
            if (index == bytes.length) {
              written.complete(null);
              return;
            }
            try {
              out.write(bytes[index]);
              out.flush();
            } catch (IOException | RuntimeException failed) {
              written.completeExceptionally(failed);
            }
          };
      ScheduledFuture<?> drip;
      try {
        drip =
            timer.scheduleWithFixedDelay(writeNext, 0, everyByte.toNanos(), TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException closed) {
        throw new IOException("the receiver is closed", closed);
      }
      try {
        written.get();
      } catch (ExecutionException failed) {
        throw failed.getCause() instanceof IOException io ? io : new IOException(failed.getCause());
      } finally {
        drip.cancel(false);
      }
    };
  }

  public String url() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
  }

  /** Connections accepted. */
  public int connections() {
    return connections.get();
  }

  /** Requests read to their end, each answered by the script. */
  public int requests() {
    return requests.get();
  }

  /** Connections whose script is over: done, capped, or cut short by the client. */
  public int answersEnded() {
    return answersEnded.get();
  }

  /** Connections the client closed. */
  public int hangUps() {
    return hangUps.get();
  }

  /** Bytes written over all connections (some may still sit in socket buffers). */
  public long bytesSent() {
    return bytesSent.get();
  }

  /** The most bytes one connection managed to write (some may still sit in socket buffers). */
  public long mostBytesSentOnOneConnection() {
    return mostBytesSentOnOneConnection.get();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        sockets.add(socket);
        connections.incrementAndGet();
        Thread.ofVirtual().name("hostile-connection").start(() -> serve(socket));
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
      try {
        CappedOutput out = new CappedOutput(socket.getOutputStream());
        script.answer(out, timer);
        out.flush();
      } catch (CapReached | InterruptedException stopped) {
        // Enough sent; stay connected and silent until the client gives up.
      } catch (IOException clientHungUp) {
        // The client closed while we were still writing.
      } finally {
        answersEnded.incrementAndGet();
      }
      awaitHangUp(in);
    } catch (IOException e) {
      // A connection torn down half-way through the request: nothing to answer.
    }
  }

  private void awaitHangUp(InputStream in) {
    try {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException reset) {
      // A reset is a hang-up too.
    }
    if (!server.isClosed()) {
      hangUps.incrementAndGet();
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

  private static void writeForever(OutputStream out) throws IOException {
    while (true) {
      out.write(FILLER);
    }
  }

  private static byte[] filler() {
    byte[] filler = new byte[16 * 1024];
    Arrays.fill(filler, (byte) 'a');
    return filler;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
    timer.shutdown();
  }

  /** Thrown by {@link CappedOutput} once the connection's cap is written. */
  private static final class CapReached extends IOException {
    private static final long serialVersionUID = 1L;
  }

  private final class CappedOutput extends OutputStream {

    private final OutputStream out;
    private long written;

    CappedOutput(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      int allowed = (int) Math.min(length, capBytes - written);
      out.write(bytes, offset, allowed);
      written += allowed;
      bytesSent.addAndGet(allowed);
      mostBytesSentOnOneConnection.accumulateAndGet(written, Math::max);
      if (allowed < length) {
        out.flush();
        throw new CapReached();
      }
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }
  }
}
