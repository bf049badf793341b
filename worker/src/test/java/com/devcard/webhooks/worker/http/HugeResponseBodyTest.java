package com.devcard.webhooks.worker.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.devcard.webhooks.netguard.HostResolver;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A receiver answering with about 100 MB costs the client 16 KiB and no waiting. */
class HugeResponseBodyTest {

  private static final long HUNDRED_MB = 100L * 1024 * 1024;

  private final AtomicLong bytesWritten = new AtomicLong();
  private final CountDownLatch serverDone = new CountDownLatch(1);
  private HttpServer server;
  private WebhookHttpClient client;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/huge",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(200, HUNDRED_MB);
          byte[] chunk = new byte[64 * 1024];
          Arrays.fill(chunk, (byte) 'a');
          try (OutputStream out = exchange.getResponseBody()) {
            for (long sent = 0; sent < HUNDRED_MB; sent += chunk.length) {
              out.write(chunk);
              bytesWritten.addAndGet(chunk.length);
            }
          } catch (IOException clientWentAway) {
            // Expected: the client stops reading after 16 KiB.
          } finally {
            serverDone.countDown();
          }
        });
    server.start();
    client = WebhookHttpClientTest.newClient(true, true, HostResolver.system());
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop(0);
  }

  @Test
  void aHugeBodyIsCutAt16KiBQuicklyWithoutBeingDrained() throws InterruptedException {
    HttpAttemptResult result =
        client.post(
            "http://127.0.0.1:" + server.getAddress().getPort() + "/huge",
            Map.of("Content-Type", "application/json"),
            new byte[] {'{', '}'});

    assertThat(result.statusCode()).isEqualTo(200);
    assertThat(result.bodyPrefix()).hasSize(16 * 1024).matches("a+");
    assertThat(result.durationMs()).isLessThan(900L);
    // The connection was dropped, not read to the end: the server stopped writing, nowhere near
    // 100 MB out.
    assertThat(serverDone.await(10, TimeUnit.SECONDS)).as("server stopped writing").isTrue();
    assertThat(bytesWritten.get()).isLessThan(HUNDRED_MB / 4);
  }
}
