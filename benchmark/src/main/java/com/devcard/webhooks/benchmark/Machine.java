package com.devcard.webhooks.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the run happened on, for the line under the table. */
final class Machine {

  private Machine() {}

  static String describe() {
    return "%s, %d cores, %s RAM, %s %s"
        .formatted(
            cpuModel(),
            Runtime.getRuntime().availableProcessors(),
            memory(),
            System.getProperty("java.vm.name"),
            System.getProperty("java.version"));
  }

  /** The 1-minute load average, to tell a quiet machine from a busy one. */
  static String load() {
    return read("/proc/loadavg").split(" ")[0];
  }

  private static String cpuModel() {
    for (String line : read("/proc/cpuinfo").split("\n")) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return System.getProperty("os.arch");
  }

  private static String memory() {
    for (String line : read("/proc/meminfo").split("\n")) {
      if (line.startsWith("MemTotal:")) {
        long kb = Long.parseLong(line.replaceAll("\\D", ""));
        return Math.round(kb / 1024.0 / 1024.0) + " GB";
      }
    }
    return "unknown";
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException | RuntimeException unavailable) {
      return "unknown";
    }
  }
}
