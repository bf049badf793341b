package com.devcard.webhooks.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The app's Java platform threads from a thread dump ({@code jcmd <pid> Thread.print}), counted by
 * name with trailing numbers stripped, so that {@code ForkJoinPool-1-worker-7} and {@code
 * ForkJoinPool-1-worker-12} count as one pool. Virtual threads are not in such a dump: they cost no
 * OS thread; their carriers are there.
 */
record ThreadCensus(Map<String, Integer> pools) {

  /** A Java thread's header line: its quoted name, then its number ({@code "main" #1 ...}). */
  private static final Pattern JAVA_THREAD = Pattern.compile("^\"(.*)\" #\\d+ ");

  private static final Pattern TRAILING_NUMBER = Pattern.compile("\\d+$");

  static ThreadCensus of(String threadDump) {
    Map<String, Integer> pools = new TreeMap<>();
    for (String line : threadDump.split("\n")) {
      Matcher thread = JAVA_THREAD.matcher(line);
      if (thread.find()) {
        pools.merge(pool(thread.group(1)), 1, Integer::sum);
      }
    }
    return new ThreadCensus(pools);
  }

  static String pool(String threadName) {
    return TRAILING_NUMBER.matcher(threadName.strip()).replaceFirst("").strip();
  }

  int total() {
    return pools.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The pools whose counts differ from {@code before}'s, one line each: "name: a → b (+n)". */
  List<String> changesSince(ThreadCensus before) {
    TreeSet<String> names = new TreeSet<>(before.pools.keySet());
    names.addAll(pools.keySet());
    List<String> changes = new ArrayList<>();
    for (String name : names) {
      int was = before.pools.getOrDefault(name, 0);
      int is = pools.getOrDefault(name, 0);
      if (was != is) {
        changes.add("%s: %d → %d (%+d)".formatted(name, was, is, is - was));
      }
    }
    return changes;
  }
}
