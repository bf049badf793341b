package com.devcard.webhooks.benchmark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * An endpoint that accepts every connection and never answers: each attempt runs into its timeout.
 */
final class SilentReceiver implements AutoCloseable {

  private final ServerSocket server;
  private final Queue<Socket> connections = new ConcurrentLinkedQueue<>();

  private SilentReceiver(ServerSocket server) {
    this.server = server;
  }

  static SilentReceiver start() {
    try {
      SilentReceiver receiver =
          new SilentReceiver(new ServerSocket(0, 1000, InetAddress.getLoopbackAddress()));
      Thread.ofPlatform().daemon().name("silent-accept").start(receiver::acceptLoop);
      return receiver;
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getLocalPort() + path;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.add(socket);
        Thread.ofVirtual()
            .start(
                () -> {
                  try (socket) {
                    socket.getInputStream().transferTo(OutputStream.nullOutputStream());
                  } catch (IOException hungUp) {
                    // The client gave up, as it should.
                  } finally {
                    connections.remove(socket);
                  }
                });
      } catch (IOException closed) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : connections) {
      socket.close();
    }
  }
}
