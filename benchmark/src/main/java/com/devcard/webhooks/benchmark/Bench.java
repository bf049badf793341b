package com.devcard.webhooks.benchmark;

import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.function.BooleanSupplier;

/** Small helpers shared by the measurements: progress lines, waiting. */
final class Bench {

  private Bench() {}

  static void log(String format, Object... arguments) {
    System.out.println(
        "[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + format.formatted(arguments));
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(interrupted);
    }
  }

  /** Polls every 50 ms until the condition holds; fails the run after the timeout. */
  static void await(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + timeout + " waiting for " + what);
      }
      pause(Duration.ofMillis(50));
    }
  }

  static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
