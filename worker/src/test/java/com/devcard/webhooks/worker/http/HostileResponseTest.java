package com.devcard.webhooks.worker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.devcard.webhooks.netguard.HostResolver;
import com.devcard.webhooks.netguard.TargetPolicy;
import com.devcard.webhooks.testkit.HostileSocketServer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Receivers on raw sockets that try to make the client hold their answer in memory, or wait for it
 * forever. Every attempt ends within the deadline, says why, and drops the connection.
 */
class HostileResponseTest {

  private static final Duration DEADLINE = Duration.ofSeconds(2);
  private static final long DEADLINE_MS = DEADLINE.toMillis();

  /** Scheduling slack on a busy 2-core machine. */
  private static final long MARGIN_MS = 1_000;

  private static final Map<String, String> HEADERS = Map.of("Content-Type", "application/json");
  private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

  private final WebhookHttpClient client =
      new WebhookHttpClient(
          new OutboundHttpSettings(DEADLINE, "DevCard-Webhooks/test"),
          new TargetPolicy(true, true, HostResolver.system()),
          HostResolver.system());
  private HostileSocketServer receiver;
  private String testName;

  @BeforeEach
  void name(TestInfo test) {
    testName = test.getDisplayName();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void anEndlessHeaderLineIsRefusedAtOnce() {
    HttpAttemptResult result = attempt(HostileSocketServer.endlessHeaderLine());

    assertRefusedQuickly(result, "response headers too large");
  }

  @Test
  void aHundredThousandShortHeadersAreRefused() {
    HttpAttemptResult result = attempt(HostileSocketServer.shortHeaders(100_000));

    assertRefusedQuickly(result, "response headers too large");
  }

  @Test
  void anEndlessStatusLineIsRefused() {
    HttpAttemptResult result = attempt(HostileSocketServer.endlessStatusLine());

    assertRefusedQuickly(result, "response headers too large");
  }

  @Test
  void anEndlessBodyIsCutAfterItsFirst16KiB() {
    HttpAttemptResult result = attempt(HostileSocketServer.endlessBody());

    assertThat(result.statusCode()).isEqualTo(200);
    assertThat(result.bodyPrefix()).hasSize(BodyPrefix.LIMIT_BYTES).matches("a+");
    assertThat(result.durationMs()).isLessThan(DEADLINE_MS);
    assertConnectionDropped();
  }

  @Test
  void endlessTrailersAreRefused() {
    HttpAttemptResult result = attempt(HostileSocketServer.endlessTrailers());

    assertRefusedQuickly(result, "invalid HTTP response");
  }

  @Test
  void lineAfterLineOfJunkIsRefused() {
    HttpAttemptResult result = attempt(HostileSocketServer.raw("junk\r\n".repeat(1_000)));

    assertRefusedQuickly(result, "invalid HTTP response");
  }

  @Test
  void aReceiverTricklingOneByteASecondEndsAtTheDeadline() {
    // A byte a second never lets a read time out: only the deadline over the whole exchange ends
    // it.
    HttpAttemptResult result = attempt(HostileSocketServer.trickle(Duration.ofSeconds(1)));

    assertEndedAtTheDeadline(result);
  }

  @Test
  void aReceiverThatNeverAnswersEndsAtTheDeadline() {
    HttpAttemptResult result = attempt(HostileSocketServer.silent());

    assertEndedAtTheDeadline(result);
  }

  @Test
  void aHeadAtEveryLimitIsAccepted() {
    StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\n");
    head.append(headerLine("X-Long", 8 * 1024));
    // 100 headers in all, one of them a line of 8 KiB with its CRLF, 64 KiB with the blank line.
    for (int i = 0; i < 97; i++) {
      head.append(headerLine("X-" + i, 510));
    }
    head.append("Content-Length: 2\r\n");
    int blankLine = 2;
    int fill = 64 * 1024 - head.length() - blankLine;
    head.append(headerLine("X-Fill", fill)).append("\r\n").append("ok");

    HttpAttemptResult result = attempt(HostileSocketServer.raw(head.toString()));

    assertThat(result.error()).isNull();
    assertThat(result.statusCode()).isEqualTo(200);
    assertThat(result.bodyPrefix()).isEqualTo("ok");
  }

  @Test
  void oneHeaderTooManyIsRefused() {
    HttpAttemptResult result = attempt(HostileSocketServer.shortHeaders(101));

    assertRefusedQuickly(result, "response headers too large");
  }

  @Test
  void aHeaderLineOneByteTooLongIsRefused() {
    String head =
        "HTTP/1.1 200 OK\r\n" + headerLine("X-Long", 8 * 1024 + 1) + "Content-Length: 0\r\n\r\n";

    HttpAttemptResult result = attempt(HostileSocketServer.raw(head));

    assertRefusedQuickly(result, "response headers too large");
  }

  @Test
  void aHeadOneByteTooLongInAllIsRefused() {
    StringBuilder head = new StringBuilder("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n");
    for (int i = 0; i < 7; i++) {
      head.append(headerLine("X-" + i, 8 * 1024));
    }
    head.append(headerLine("X-Fill", 64 * 1024 + 1 - head.length() - 2)).append("\r\n");

    HttpAttemptResult result = attempt(HostileSocketServer.raw(head.toString()));

    assertRefusedQuickly(result, "response headers too large");
  }

  @Test
  void refusedHeadsNeverUseUpThePool() {
    receiver = HostileSocketServer.start(HostileSocketServer.shortHeaders(101));
    int attempts = WebhookHttpClient.MAX_CONNECTIONS_PER_ROUTE + 50;

    for (int i = 0; i < attempts; i++) {
      // A leaked lease would make the attempts past the pool's size wait for a connection.
      assertThat(client.post(receiver.url(), HEADERS, BODY).error())
          .as("attempt %d", i + 1)
          .isEqualTo("response headers too large");
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> receiver.hangUps() == attempts);
  }

  @Test
  void twentyConcurrentEndlessHeadersHoldLittleHeap() throws Exception {
    // 8 MB a connection: far past any bound, and an unbounded client still fits in the heap.
    receiver = HostileSocketServer.start(HostileSocketServer.endlessHeaderLine(), 8L << 20);
    client.post(receiver.url(), HEADERS, BODY); // warm-up: classes, pool, deadline thread
    int concurrent = 20;
    long before = heapAfterGc();

    List<Future<HttpAttemptResult>> attempts = new ArrayList<>();
    ExecutorService callers = Executors.newFixedThreadPool(concurrent);
    try {
      for (int i = 0; i < concurrent; i++) {
        attempts.add(callers.submit(() -> client.post(receiver.url(), HEADERS, BODY)));
      }
      // Every connection has either sent its 8 MB or been dropped: whatever the client keeps of
      // them, it holds now.
      await().atMost(Duration.ofSeconds(10)).until(() -> receiver.answersEnded() == 1 + concurrent);
      long during = heapAfterGc();
      List<HttpAttemptResult> results = new ArrayList<>();
      for (Future<HttpAttemptResult> attempt : attempts) {
        results.add(attempt.get());
      }
      long after = heapAfterGc();

      System.out.printf(
          "%d concurrent attempts, the longest %d ms; heap after GC: before %.1f MB,"
              + " during %.1f MB (%+.1f), after %.1f MB (%+.1f); %d MB sent by the receiver%n",
          concurrent,
          results.stream().mapToLong(HttpAttemptResult::durationMs).max().orElseThrow(),
          mb(before),
          mb(during),
          mb(during - before),
          mb(after),
          mb(after - before),
          receiver.bytesSent() >> 20);
      long bound = concurrent * (3L << 20);
      assertThat(during - before).as("heap growth during the attempts").isLessThan(bound);
      assertThat(after - before).as("heap growth after the attempts").isLessThan(bound);
      assertThat(results)
          .extracting(HttpAttemptResult::error)
          .containsOnly("response headers too large");
      assertThat(results)
          .extracting(HttpAttemptResult::durationMs)
          .allMatch(ms -> ms < DEADLINE_MS + MARGIN_MS);
    } finally {
      callers.shutdownNow();
    }
  }

  private HttpAttemptResult attempt(HostileSocketServer.Script script) {
    receiver = HostileSocketServer.start(script);
    HttpAttemptResult result = client.post(receiver.url(), HEADERS, BODY);
    System.out.printf(
        "%s: status %s, error %s, %d ms%n",
        testName, result.statusCode(), result.error(), result.durationMs());
    return result;
  }

  /**
   * A failure for the bound, not the deadline, and a connection the client let go of. How much
   * sooner than the deadline depends on this machine's load: the error says which ended it.
   */
  private void assertRefusedQuickly(HttpAttemptResult result, String error) {
    assertThat(result.error()).isEqualTo(error);
    assertThat(result.statusCode()).isNull();
    assertThat(result.bodyPrefix()).isNull();
    assertThat(result.durationMs()).isLessThan(DEADLINE_MS);
    assertConnectionDropped();
  }

  private void assertEndedAtTheDeadline(HttpAttemptResult result) {
    assertThat(result.error()).isEqualTo("timeout after 2s");
    assertThat(result.statusCode()).isNull();
    assertThat(result.durationMs()).isBetween(DEADLINE_MS - 50, DEADLINE_MS + MARGIN_MS);
    assertConnectionDropped();
  }

  /** The client closed the connection rather than keep it for the next attempt. */
  private void assertConnectionDropped() {
    await().atMost(Duration.ofSeconds(2)).until(() -> receiver.hangUps() == 1);
    assertThat(receiver.connections()).isEqualTo(1);
  }

  /** {@code name: aaa...} with its CRLF, {@code length} bytes in all. */
  private static String headerLine(String name, int length) {
    String start = name + ": ";
    return start + "a".repeat(length - start.length() - 2) + "\r\n";
  }

  private static long heapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
