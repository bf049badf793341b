package com.devcard.webhooks.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * CPU time spent by each part of the stack, from {@code /proc} (Linux): the app JVM, the Temporal
 * server's process, this JVM (the receiver, the load generator, the ceiling's worker) and
 * PostgreSQL with its backends. Shows which part a figure is bound by.
 */
final class CpuMeter {

  /** Clock ticks per second of {@code /proc/<pid>/stat}; 100 on every common Linux. */
  private static final double TICKS = 100.0;

  /** Seconds of CPU; a difference of two samples is only meaningful with no restart between. */
  record Sample(double app, double temporal, double harness, double postgres) {
    Sample minus(Sample earlier) {
      return new Sample(
          app - earlier.app,
          temporal - earlier.temporal,
          harness - earlier.harness,
          postgres - earlier.postgres);
    }

    String perThousand(int units) {
      double scale = 1000.0 / units;
      return ("app %.1f s, Temporal server %.1f s, harness %.1f s, PostgreSQL %.1f s"
              + " of CPU per 1000")
          .formatted(app * scale, temporal * scale, harness * scale, postgres * scale);
    }
  }

  private final long appPid;
  private final LongSupplier temporalPid;
  private final Path postmasterPidFile;

  /**
   * @param temporalPid the Temporal server's process now (it changes when the server restarts)
   */
  CpuMeter(long appPid, LongSupplier temporalPid, Path postgresDataDirectory) {
    this.appPid = appPid;
    this.temporalPid = temporalPid;
    this.postmasterPidFile = postgresDataDirectory.resolve("postmaster.pid");
  }

  Sample sample() {
    return new Sample(
        seconds(appPid, false),
        seconds(temporalPid.getAsLong(), false),
        seconds(ProcessHandle.current().pid(), false),
        postgres());
  }

  private double postgres() {
    try {
      long postmaster = Long.parseLong(Files.readAllLines(postmasterPidFile).get(0).trim());
      double total = seconds(postmaster, true);
      try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
        for (Path process : processes.toList()) {
          String name = process.getFileName().toString();
          if (name.chars().allMatch(Character::isDigit) && parentOf(name) == postmaster) {
            total += seconds(Long.parseLong(name), false);
          }
        }
      }
      return total;
    } catch (IOException | RuntimeException unavailable) {
      return Double.NaN;
    }
  }

  private static long parentOf(String pid) {
    String[] fields = statFields(pid);
    return fields == null ? -1 : Long.parseLong(fields[1]);
  }

  /** utime + stime, and with {@code children} the time of waited-for children too. */
  private static double seconds(long pid, boolean children) {
    String[] fields = statFields(String.valueOf(pid));
    if (fields == null) {
      return 0;
    }
    // Fields after the command name: state is [0], utime [11], stime [12], cutime [13], cstime
    // [14].
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    if (children) {
      ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }
    return ticks / TICKS;
  }

  private static String[] statFields(String pid) {
    try {
      String stat = Files.readString(Path.of("/proc", pid, "stat"));
      // The command name is in parentheses and may contain spaces.
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException gone) {
      return null;
    }
  }
}
