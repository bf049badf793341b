package com.devcard.webhooks.benchmark;

import java.time.Duration;

/**
 * Figure 6: half the endpoints never answer, so each of their attempts holds on until the 5 s
 * timeout. Both rounds carry the same load, every other event to each half: the measured half's
 * deliveries per second with the other half healthy, then with the other half silent. Equal rates
 * mean a silent endpoint costs the others nothing beyond the work of its own deliveries.
 */
final class Isolation {

  private static final String MEASURED = "iso-a-";
  private static final String HEALTHY_OTHER = "iso-b-";
  private static final String SILENT_OTHER = "iso-silent-";

  private final BenchmarkStack stack;
  private final int endpoints;
  private final String publisher;

  Isolation(BenchmarkStack stack) {
    this.stack = stack;
    this.endpoints = stack.silentReceivers.size();
    this.publisher = stack.tokens.publisher();
    for (int u = 0; u < endpoints; u++) {
      stack.api.createEndpoint(
          stack.tokens.user(MEASURED + u), stack.receiver.url("/ok/" + MEASURED + u));
      stack.api.createEndpoint(
          stack.tokens.user(HEALTHY_OTHER + u), stack.receiver.url("/ok/" + HEALTHY_OTHER + u));
      // One silent server per endpoint: each is a host of its own to the outbound client.
      stack.api.createEndpoint(
          stack.tokens.user(SILENT_OTHER + u), stack.silentReceivers.get(u).url("/hook"));
    }
  }

  /** The measured half's deliveries per second while the other half is healthy too. */
  double otherHalfHealthy(int perHalf) throws InterruptedException {
    return measuredRate(perHalf, HEALTHY_OTHER);
  }

  /** The measured half's deliveries per second while the other half never answers. */
  double otherHalfSilent(int perHalf) throws InterruptedException {
    double rate = measuredRate(perHalf, SILENT_OTHER);
    // Let the silent half's attempts run into their timeout before anything else is measured.
    Bench.await(
        "attempts at silent endpoints to time out",
        Duration.ofMinutes(5),
        () ->
            stack.database.count(
                    "select count(*) from webhook_deliveries"
                        + " where user_id like ? and attempts = 0",
                    SILENT_OTHER + "%")
                == 0);
    return rate;
  }

  private double measuredRate(int perHalf, String otherHalf) throws InterruptedException {
    long before = succeeded(MEASURED);
    long started = System.nanoTime();
    Publishers.closedLoop(
        2 * perHalf,
        i -> {
          String user = (i % 2 == 0 ? MEASURED : otherHalf) + ((i / 2) % endpoints);
          stack.api.publish(publisher, user, i);
        });
    Bench.await(
        "the measured half's deliveries",
        Duration.ofMinutes(10),
        () -> succeeded(MEASURED) >= before + perHalf);
    return perHalf / Bench.seconds(System.nanoTime() - started);
  }

  private long succeeded(String users) {
    return stack.database.count(
        "select count(*) from webhook_deliveries where user_id like ? and status = 'success'",
        users + "%");
  }
}
