package com.devcard.webhooks.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/** Reports events as fast as the app takes them, from a fixed number of concurrent clients. */
final class Publishers {

  static final int CONCURRENCY = 32;

  private Publishers() {}

  /** Calls {@code publish} with 0..count-1, spread over the clients; returns when all are done. */
  static void closedLoop(int count, IntConsumer publish) throws InterruptedException {
    closedLoop(CONCURRENCY, count, publish);
  }

  /** As {@link #closedLoop(int, IntConsumer)}, from {@code concurrency} clients. */
  static void closedLoop(int concurrency, int count, IntConsumer publish)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    List<Thread> clients = new ArrayList<>();
    for (int c = 0; c < concurrency; c++) {
      clients.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                      publish.accept(i);
                    }
                  }));
    }
    for (Thread client : clients) {
      client.join();
    }
  }
}
