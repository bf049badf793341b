package com.devcard.webhooks.benchmark;

import com.devcard.webhooks.netguard.HostResolver;
import com.devcard.webhooks.netguard.TargetPolicy;
import com.devcard.webhooks.worker.http.HttpAttemptResult;
import com.devcard.webhooks.worker.http.OutboundHttpSettings;
import com.devcard.webhooks.worker.http.WebhookHttpClient;
import com.devcard.webhooks.worker.signing.SignedHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Figure 2: signed POSTs per second to the local receiver through the worker's own outbound client,
 * signing each request as an attempt does, from as many virtual threads as it takes.
 */
final class RawHttpThroughput implements AutoCloseable {

  private static final int CONCURRENCY = 32;
  private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw/DY0EqaNeXk=";

  private final WebhookHttpClient http =
      new WebhookHttpClient(
          new OutboundHttpSettings(Duration.ofSeconds(5), "DevCard-Webhooks/benchmark"),
          new TargetPolicy(true, true, HostResolver.system()));
  private final String url;
  private final byte[] body;

  RawHttpThroughput(String url) {
    this.url = url;
    // About the size of a real delivery's payload.
    this.body =
        ("{\"id\":\"evt_01JDQ4Z5K8N2M3P4Q5R6S7T8V9\",\"type\":\"card.viewed\","
                + "\"createdAt\":\"2026-11-28T10:15:30.123Z\",\"data\":{\"cardId\":\"c_7\","
                + "\"viewer\":\"benchmark\",\"note\":\""
                + "x".repeat(300)
                + "\"}}")
            .getBytes(StandardCharsets.UTF_8);
  }

  /** POSTs per second over the given time. */
  double round(Duration duration) throws InterruptedException {
    AtomicBoolean stop = new AtomicBoolean();
    LongAdder succeeded = new LongAdder();
    LongAdder failed = new LongAdder();
    List<Thread> threads = new ArrayList<>();
    long started = System.nanoTime();
    for (int i = 0; i < CONCURRENCY; i++) {
      int worker = i;
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    long n = 0;
                    while (!stop.get()) {
                      String deliveryId = "dlv_raw_" + worker + "_" + n++;
                      SignedHeaders headers =
                          SignedHeaders.builder()
                              .deliveryId(deliveryId)
                              .eventType("card.viewed")
                              .secret(SECRET)
                              .timestamp(Instant.now())
                              .body(body)
                              .userAgent("DevCard-Webhooks/benchmark")
                              .build();
                      HttpAttemptResult result = http.post(url, headers.asMap(), body);
                      (result.succeeded() ? succeeded : failed).increment();
                    }
                  }));
    }
    Thread.sleep(duration);
    stop.set(true);
    for (Thread thread : threads) {
      thread.join();
    }
    double elapsed = Bench.seconds(System.nanoTime() - started);
    if (failed.sum() > 0) {
      Bench.log("raw HTTP: %d requests failed", failed.sum());
    }
    return succeeded.sum() / elapsed;
  }

  @Override
  public void close() {
    http.close();
  }
}
