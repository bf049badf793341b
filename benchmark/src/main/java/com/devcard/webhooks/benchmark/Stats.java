package com.devcard.webhooks.benchmark;

import java.util.Arrays;
import java.util.Collection;

/** Medians and percentiles, nearest-rank. */
final class Stats {

  private Stats() {}

  static double median(Collection<Double> values) {
    return percentile(values, 50);
  }

  static double percentile(Collection<Double> values, double percent) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
