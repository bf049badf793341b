package com.devcard.webhooks.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** When requests arrived at a receiver, and the pace that makes. */
final class Arrivals {

  private final List<Long> nanos;

  /**
   * @param nanos {@link System#nanoTime()} of each arrival, in any order
   */
  Arrivals(List<Long> nanos) {
    List<Long> sorted = new ArrayList<>(nanos);
    Collections.sort(sorted);
    this.nanos = sorted;
  }

  int count() {
    return nanos.size();
  }

  /** The most arrivals in any window of this length, wherever it starts. */
  int mostWithin(Duration window) {
    long length = window.toNanos();
    int most = 0;
    int first = 0;
    for (int last = 0; last < nanos.size(); last++) {
      // The window [nanos[first], nanos[first] + length) holds first..last.
      while (nanos.get(last) - nanos.get(first) >= length) {
        first++;
      }
      most = Math.max(most, last - first + 1);
    }
    return most;
  }

  /** Arrivals per second from the first to the last: the intervals between them, per second. */
  double perSecond() {
    if (nanos.size() < 2) {
      return Double.NaN;
    }
    return (nanos.size() - 1) / Bench.seconds(nanos.get(nanos.size() - 1) - nanos.get(0));
  }

  /** The longest time between two arrivals in a row, in milliseconds. */
  double longestGapMillis() {
    long longest = 0;
    for (int i = 1; i < nanos.size(); i++) {
      longest = Math.max(longest, nanos.get(i) - nanos.get(i - 1));
    }
    return longest / 1e6;
  }

  /** Seconds from the first arrival to the last. */
  double spanSeconds() {
    return nanos.isEmpty() ? 0 : Bench.seconds(nanos.get(nanos.size() - 1) - nanos.get(0));
  }
}
