package com.devcard.webhooks.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Figure 5: what deliveries waiting between attempts cost the worker. Their first attempt fails
 * (503), so each waits in a durable timer for its next one; the app's heap after a full collection
 * and its live threads are read before and after, each the median of three readings. A thread dump
 * goes with each reading, so that the figure says which pools grew.
 */
final class WaitingDeliveries {

  private static final String USERS = "wait-";
  private static final int USER_COUNT = 20;
  private static final int READINGS = 3;

  /**
   * @param threads live platform threads, as the app's {@code jvm_threads_live_threads} reports
   * @param census the thread dump of the reading whose thread count was the median
   */
  record Footprint(double heapBytes, double threads, ThreadCensus census) {}

  record Result(Footprint idle, Footprint waiting, int deliveries) {
    double extraHeapMb() {
      return (waiting.heapBytes() - idle.heapBytes()) / (1024 * 1024);
    }

    double extraThreads() {
      return waiting.threads() - idle.threads();
    }

    /** The thread pools whose sizes differ between idle and waiting. */
    List<String> threadChanges() {
      return waiting.census().changesSince(idle.census());
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
    Footprint idle = footprint("idle");
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
    Result result = new Result(idle, footprint("waiting"), deliveries);
    for (String change : result.threadChanges()) {
      Bench.log("5. threads %s", change);
    }
    return result;
  }

  /** Three readings; each thread dump is also kept in the work folder as threads-NAME-N.txt. */
  private Footprint footprint(String name) {
    List<Double> heap = new ArrayList<>();
    List<Double> threads = new ArrayList<>();
    List<ThreadCensus> censuses = new ArrayList<>();
    for (int i = 0; i < READINGS; i++) {
      heap.add(stack.app.heapAfterGc());
      threads.add(stack.app.liveThreads());
      String dump = stack.app.jcmd("Thread.print");
      keep(dump, "threads-%s-%d.txt".formatted(name, i + 1));
      censuses.add(ThreadCensus.of(dump));
      Bench.pause(Duration.ofSeconds(2));
    }
    double medianThreads = Stats.median(threads);
    return new Footprint(
        Stats.median(heap), medianThreads, censuses.get(threads.indexOf(medianThreads)));
  }

  private void keep(String dump, String file) {
    try {
      Files.writeString(stack.workDirectory.resolve(file), dump);
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    }
  }

  private long waiting() {
    return stack.database.count(
        "select count(*) from webhook_deliveries"
            + " where user_id like ? and status = 'pending' and attempts = 1",
        USERS + "%");
  }
}
