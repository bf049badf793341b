package com.devcard.webhooks.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Runs of the api's periodic sweeps, wherever they ran, and the rule they keep. */
final class SweepRuns {

  /** One run of a sweep in one process, timed from inside the sweep's lock. */
  record Run(String process, String sweep, Instant start, Instant end) {}

  /** The line the sweeps' logger writes at DEBUG for each run. */
  private static final Pattern LOGGED =
      Pattern.compile("([a-z-]+) sweep ran here from (\\S+) to (\\S+) \\(");

  private SweepRuns() {}

  /** The runs a process logged, with {@code LOGGING_LEVEL_COM_DEVCARD_WEBHOOKS_API_SWEEP=DEBUG}. */
  static List<Run> logged(String process, Path log) {
    try (Stream<String> lines = Files.lines(log)) {
      return lines
          .map(LOGGED::matcher)
          .filter(Matcher::find)
          .map(
              found ->
                  new Run(
                      process,
                      found.group(1),
                      Instant.parse(found.group(2)),
                      Instant.parse(found.group(3))))
          .toList();
    } catch (IOException exception) {
      throw new UncheckedIOException(exception);
    }
  }

  /** No two runs of one sweep overlap, in one process or across processes. */
  static void assertOneAtATime(Collection<Run> runs) {
    Map<String, List<Run>> bySweep = runs.stream().collect(Collectors.groupingBy(Run::sweep));
    bySweep.forEach(
        (sweep, ofSweep) -> {
          // Runs that start together, shortest first: a run that ends as it starts is no overlap.
          List<Run> inOrder =
              ofSweep.stream()
                  .sorted(Comparator.comparing(Run::start).thenComparing(Run::end))
                  .toList();
          for (int i = 1; i < inOrder.size(); i++) {
            Run before = inOrder.get(i - 1);
            Run next = inOrder.get(i);
            assertThat(next.start())
                .as("%s: %s started before %s ended", sweep, next, before)
                .isAfterOrEqualTo(before.end());
          }
        });
  }
}
