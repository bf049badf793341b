package com.devcard.webhooks.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 5: what deliveries waiting between attempts cost the worker. Their first attempt fails
 * (503), so each waits in a durable timer for its next one; the app's heap after a full collection
 * and its live threads are read before and after, each the median of three readings.
 */
final class WaitingDeliveries {

  private static final String USERS = "wait-";
  private static final int USER_COUNT = 20;
  private static final int READINGS = 3;

  record Footprint(double heapBytes, double threads) {}

  record Result(Footprint idle, Footprint waiting, int deliveries) {
    double extraHeapMb() {
      return (waiting.heapBytes() - idle.heapBytes()) / (1024 * 1024);
    }

    double extraThreads() {
      return waiting.threads() - idle.threads();
    }
  }

  private final BenchmarkStack stack;

  WaitingDeliveries(BenchmarkStack stack) {
    this.stack = stack;
    for (int u = 0; u < USER_COUNT; u++) {
      stack.api.createEndpoint(
          stack.tokens.user(USERS + u), stack.receiver.url("/fail/" + USERS + u));
    }
  }

  Result measure(int deliveries) throws InterruptedException {
    Bench.pause(Duration.ofSeconds(5));
    Footprint idle = footprint();
    Bench.log(
        "idle: heap %.0f MB, %.0f threads; dispatching %d deliveries that will fail",
        idle.heapBytes() / (1024 * 1024), idle.threads(), deliveries);
    String publisher = stack.tokens.publisher();
    long started = System.nanoTime();
    Publishers.closedLoop(
        deliveries, i -> stack.api.publish(publisher, USERS + (i % USER_COUNT), i));
    Bench.await(
        deliveries + " deliveries waiting for their second attempt",
        Duration.ofMinutes(10),
        () -> waiting() >= deliveries);
    Bench.log(
        "%d deliveries waiting after %.0f s",
        deliveries, Bench.seconds(System.nanoTime() - started));
    Bench.pause(Duration.ofSeconds(5));
    return new Result(idle, footprint(), deliveries);
  }

  private Footprint footprint() {
    List<Double> heap = new ArrayList<>();
    List<Double> threads = new ArrayList<>();
    for (int i = 0; i < READINGS; i++) {
      heap.add(stack.app.heapAfterGc());
      threads.add(stack.app.liveThreads());
      Bench.pause(Duration.ofSeconds(2));
    }
    return new Footprint(Stats.median(heap), Stats.median(threads));
  }

  private long waiting() {
    return stack.database.count(
        "select count(*) from webhook_deliveries"
            + " where user_id like ? and status = 'pending' and attempts = 1",
        USERS + "%");
  }
}
