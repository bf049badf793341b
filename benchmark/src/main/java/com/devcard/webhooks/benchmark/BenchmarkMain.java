package com.devcard.webhooks.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs the whole benchmark once: starts the stack, warms up, measures the figures of
 * benchmark/README.md, each the median of several rounds (figure 11: one loaded round against one
 * without load), and prints one table (also written to a file).
 *
 * <p>Arguments: {@code -app-jar <path>} (required), {@code -out <file>}, {@code -rounds <n>}
 * (default 3), {@code -quick} (small sizes, to check the harness itself), {@code -profile} (a JFR
 * recording of the app, {@code app.jfr} in the work folder), {@code -only 1,3,8} (some figures),
 * {@code -app-env NAME=value} (a setting for the app, to try a change; repeatable).
 */
public final class BenchmarkMain {

  /** How much work each figure does. */
  record Sizes(
      int ceilingWorkflows,
      Duration rawHttp,
      int endToEnd,
      Duration latency,
      int waiting,
      int isolation,
      int logRows,
      int logRequests,
      int rateLimitBurst,
      int throttledBacklog,
      int deadEndpointEvents,
      int expiredDeliveries,
      Duration fairIdle,
      int burst) {

    static final Sizes FULL =
        new Sizes(
            2000,
            Duration.ofSeconds(5),
            2000,
            Duration.ofSeconds(15),
            10_000,
            1500,
            1_000_000,
            1000,
            1000,
            2000,
            500,
            1_000_000,
            Duration.ofSeconds(20),
            5000);
    static final Sizes QUICK =
        new Sizes(
            300,
            Duration.ofSeconds(2),
            300,
            Duration.ofSeconds(5),
            1000,
            200,
            100_000,
            200,
            200,
            400,
            50,
            50_000,
            Duration.ofSeconds(5),
            500);
  }

  private BenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    Path appJar = null;
    Path out = null;
    int rounds = 3;
    boolean quick = false;
    boolean profile = false;
    Set<String> only = Set.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12");
    Map<String, String> appSettings = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "-app-jar" -> appJar = Path.of(args[++i]).toAbsolutePath().normalize();
        case "-out" -> out = Path.of(args[++i]).toAbsolutePath().normalize();
        case "-rounds" -> rounds = Integer.parseInt(args[++i]);
        case "-quick" -> quick = true;
        case "-profile" -> profile = true;
        case "-only" -> only = Set.of(args[++i].split(","));
        case "-app-env" -> {
          String[] setting = args[++i].split("=", 2);
          appSettings.put(setting[0], setting[1]);
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (appJar == null || !Files.isRegularFile(appJar)) {
      throw new IllegalArgumentException(
          "-app-jar must name the app's jar (build it first): " + appJar);
    }
    Path work = Path.of("benchmark-run").toAbsolutePath();
    List<String> appJvmOptions = new ArrayList<>();
    if (profile) {
      // Spring and Temporal stacks on virtual threads run deep.
      appJvmOptions.add("-XX:FlightRecorderOptions:stackdepth=1024");
    }
    // The test server's gRPC layer reports every long poll it drops on a restart.
    java.util.logging.Logger.getLogger("io.grpc").setLevel(java.util.logging.Level.SEVERE);
    String startedAt = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    String loadAtStart = Machine.load();
    Bench.log("machine: %s; load %s", Machine.describe(), loadAtStart);

    ResultTable table;
    try (BenchmarkStack stack = BenchmarkStack.start(appJar, work, appJvmOptions, appSettings)) {
      Profiler profiler = profile ? new Profiler(stack.app, work) : null;
      table = new Run(stack, quick ? Sizes.QUICK : Sizes.FULL, rounds, only, profiler).measure();
    }
    String report =
        table.markdown()
            + "\n"
            + "Run %s on %s; %d rounds per figure, median shown; load average %s at the start, %s at the end.%s\n"
                .formatted(
                    startedAt,
                    Machine.describe(),
                    rounds,
                    loadAtStart,
                    Machine.load(),
                    quick ? " Quick sizes: not a real measurement." : "");
    System.out.println();
    System.out.println(report);
    if (out != null) {
      Files.writeString(out, report);
      Bench.log("written to %s", out);
    }
    System.exit(0);
  }

  /** The measurements, in an order where none disturbs the next. */
  private static final class Run {

    private final BenchmarkStack stack;
    private final Sizes sizes;
    private final int rounds;
    private final Set<String> only;
    private final Profiler profiler;
    private final ResultTable table = new ResultTable();

    Run(BenchmarkStack stack, Sizes sizes, int rounds, Set<String> only, Profiler profiler) {
      this.stack = stack;
      this.sizes = sizes;
      this.rounds = rounds;
      this.only = only;
      this.profiler = profiler;
    }

    ResultTable measure() throws Exception {
      try (TemporalCeiling ceiling = new TemporalCeiling(stack.client);
          RawHttpThroughput raw = new RawHttpThroughput(stack.receiver.url("/ok/raw"))) {
        EndToEnd endToEnd = new EndToEnd(stack);
        Bench.log("warming up");
        ceiling.round(sizes.ceilingWorkflows());
        raw.round(sizes.rawHttp());
        warmUp(endToEnd);

        // Ceiling and end-to-end rounds take turns, each pair on a fresh Temporal server: the
        // test server slows down as it accumulates work, so each pair meets it in the same state.
        List<Double> ceilingRates = new ArrayList<>();
        List<Double> endToEndRates = new ArrayList<>();
        // Figure 11 runs at half the end-to-end rate, and figure 12 compares the burst's drain rate
        // with it, so they need that rate measured too.
        boolean endToEndWanted =
            only.contains("3") || only.contains("4") || only.contains("11") || only.contains("12");
        boolean latencyWanted = only.contains("3") || only.contains("4");
        if (profiler != null) {
          profiler.start();
        }
        boolean ceilingWanted = only.contains("1") || only.contains("3");
        for (int r = 0; r < (ceilingWanted || endToEndWanted ? rounds : 0); r++) {
          freshTemporal(ceiling, endToEnd);
          // Alternating which goes first cancels what drifts during a pair.
          if (r % 2 == 0) {
            ceilingRound(ceiling, r, ceilingRates);
            endToEndRound(endToEnd, r, endToEndRates, endToEndWanted);
          } else {
            endToEndRound(endToEnd, r, endToEndRates, endToEndWanted);
            ceilingRound(ceiling, r, ceilingRates);
          }
        }
        double ceilingRate = Stats.median(ceilingRates);
        addIf(
            "1",
            "1",
            "Temporal ceiling: trivial workflow + no-op activity, same server and worker settings",
            "%.0f workflows/s".formatted(ceilingRate),
            "reference",
            "");

        List<Double> rawRates = new ArrayList<>();
        for (int r = 0; r < (only.contains("2") ? rounds : 0); r++) {
          rawRates.add(raw.round(sizes.rawHttp()));
          Bench.log("2. raw HTTP round %d: %.0f POSTs/s", r + 1, last(rawRates));
        }
        addIf(
            "2",
            "2",
            "Raw HTTP: signed POSTs to the receiver through WebhookHttpClient",
            "%.0f POSTs/s".formatted(Stats.median(rawRates)),
            "reference",
            "");

        double endToEndRate = Stats.median(endToEndRates);
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < Math.min(ceilingRates.size(), endToEndRates.size()); r++) {
          ratios.add(endToEndRates.get(r) / ceilingRates.get(r));
        }
        double ratio = Stats.median(ratios);
        addIf(
            "3",
            "3a",
            "End to end: POST /api/events to recorded success, " + sizes.endToEnd() + " deliveries",
            "%.0f deliveries/s".formatted(endToEndRate),
            "≥ 0.6 × ceiling",
            ResultTable.verdict(ratio >= 0.6, "%.2f × ceiling".formatted(ratio)));

        double halfRate = endToEndRate / 2;
        List<Double> p50 = new ArrayList<>();
        List<Double> p95 = new ArrayList<>();
        List<Double> p99 = new ArrayList<>();
        List<String> firstTryIds = new ArrayList<>();
        for (int r = 0; r < (latencyWanted ? rounds : 0); r++) {
          freshTemporal(ceiling, endToEnd);
          List<String> ids = new ArrayList<>();
          EndToEnd.Latency latency = endToEnd.latency(halfRate, sizes.latency(), ids);
          p50.add(latency.p50());
          p95.add(latency.p95());
          p99.add(latency.p99());
          firstTryIds = ids;
          Bench.log(
              "3. latency round %d at %.0f/s over %d deliveries: p50 %.1f, p95 %.1f, p99 %.1f ms",
              r + 1, halfRate, latency.deliveries(), latency.p50(), latency.p95(), latency.p99());
        }
        if (profiler != null) {
          profiler.stop();
        }
        double p99Median = Stats.median(p99);
        addIf(
            "3",
            "3b",
            "Latency, dispatch request to receipt, at half that rate (%.0f/s)".formatted(halfRate),
            "p50 %.0f ms, p95 %.0f ms, p99 %.0f ms"
                .formatted(Stats.median(p50), Stats.median(p95), p99Median),
            "p99 ≤ 250 ms",
            ResultTable.verdict(p99Median <= 250, ""));

        if (only.contains("4")) {
          HistoryCost.Cost cost =
              HistoryCost.of(stack.stubs, firstTryIds.subList(0, Math.min(50, firstTryIds.size())));
          Bench.log("4. history of a first-try delivery: %s", cost.eventTypes());
          table.add(
              "4",
              "History events / billable actions per first-try delivery",
              "%.0f events / %.0f actions".formatted(cost.events(), cost.actions()),
              "≤ 12 events, ≤ 2 actions",
              (cost.events() <= 12 ? "events met" : "events MISSED")
                  + ", "
                  + (cost.actions() <= 2 ? "actions met" : "actions MISSED"));
        }
        if (only.contains("5")) {
          freshTemporal(ceiling, endToEnd);
          waiting();
        }
        if (only.contains("6")) {
          freshTemporal(ceiling, endToEnd);
          isolation();
        }
        if (only.contains("8")) {
          rateLimitAccuracy(() -> freshTemporal(ceiling, endToEnd));
        }
        if (only.contains("9")) {
          throttledIsolation(() -> freshTemporal(ceiling, endToEnd));
        }
        if (only.contains("10")) {
          freshTemporal(ceiling, endToEnd);
          deadEndpointCost();
        }
        if (only.contains("12")) {
          fairness(ceiling, endToEnd, endToEndRate);
        }
        if (only.contains("11")) {
          retention(ceiling, endToEnd, halfRate);
        }
      }
      if (only.contains("7")) {
        logReads();
      }
      return table;
    }

    private void waiting() throws InterruptedException {
      WaitingDeliveries.Result waiting = new WaitingDeliveries(stack).measure(sizes.waiting());
      table.add(
          "5",
          "%,d deliveries waiting in backoff: worker heap after GC / live threads over idle"
              .formatted(waiting.deliveries()),
          "+%.0f MB (%.0f → %.0f MB) / %+.0f threads (%.0f → %.0f)"
              .formatted(
                  waiting.extraHeapMb(),
                  waiting.idle().heapBytes() / (1024 * 1024),
                  waiting.waiting().heapBytes() / (1024 * 1024),
                  waiting.extraThreads(),
                  waiting.idle().threads(),
                  waiting.waiting().threads()),
          "≤ 150 MB, ≤ 50 threads",
          ResultTable.verdict(waiting.extraHeapMb() <= 150 && waiting.extraThreads() <= 50, ""));
      List<String> changes = waiting.threadChanges();
      table.note(
          "Figure 5's threads by pool (from thread dumps, numbers stripped; dumps in"
              + " benchmark-run/threads-*.txt), idle → waiting: "
              + (changes.isEmpty() ? "no pool changed." : String.join("; ", changes) + "."));
    }

    private void isolation() throws InterruptedException {
      Isolation isolation = new Isolation(stack);
      isolation.otherHalfHealthy(sizes.isolation() / 3);
      List<Double> healthyAlone = new ArrayList<>();
      List<Double> healthyBeside = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        // Alternating the order cancels what drifts during a round pair.
        if (r % 2 == 0) {
          healthyAlone.add(isolation.otherHalfHealthy(sizes.isolation()));
          healthyBeside.add(isolation.otherHalfSilent(sizes.isolation()));
        } else {
          healthyBeside.add(isolation.otherHalfSilent(sizes.isolation()));
          healthyAlone.add(isolation.otherHalfHealthy(sizes.isolation()));
        }
        Bench.log(
            "6. isolation round %d: healthy half %.0f/s with the other half healthy,"
                + " %.0f/s with it silent",
            r + 1, last(healthyAlone), last(healthyBeside));
      }
      double alone = Stats.median(healthyAlone);
      double beside = Stats.median(healthyBeside);
      table.add(
          "6",
          "Isolation: the healthy half's deliveries/s when the other half never answers (5 s"
              + " timeout), same load",
          "%.0f/s vs %.0f/s with all healthy".formatted(beside, alone),
          "≥ 0.8 × all healthy",
          ResultTable.verdict(beside / alone >= 0.8, "%.2f".formatted(beside / alone)));
    }

    /** Something to run before each measurement, such as starting on a fresh Temporal server. */
    @FunctionalInterface
    private interface Preparation {
      void run() throws Exception;
    }

    private void rateLimitAccuracy(Preparation fresh) throws Exception {
      int perSecond = 20;
      int events = sizes.rateLimitBurst();
      RateLimitAccuracy accuracy = new RateLimitAccuracy(stack);
      fresh.run();
      RateLimitAccuracy.Pace unlimited = accuracy.burst(events, null, List.of(stack.app));
      Bench.log(
          "8. one worker, no limit: %d requests at %.0f/s; load %s",
          unlimited.received(), unlimited.perSecond(), Machine.load());
      List<RateLimitAccuracy.Pace> oneWorker = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        fresh.run();
        oneWorker.add(accuracy.burst(events, perSecond, List.of(stack.app)));
        logPace("one worker", r, perSecond, oneWorker.get(r), "");
      }
      List<RateLimitAccuracy.Pace> twoWorkers = new ArrayList<>();
      List<Double> secondShare = new ArrayList<>();
      try (AppJvm second = stack.startWorker("worker-2")) {
        List<AppJvm> both = List.of(stack.app, second);
        fresh.run();
        // Also the second worker's warm-up.
        RateLimitAccuracy.Pace unlimitedTwo = accuracy.burst(events, null, both);
        Bench.log(
            "8. two workers, no limit: %d requests at %.0f/s; load %s",
            unlimitedTwo.received(), unlimitedTwo.perSecond(), Machine.load());
        for (int r = 0; r < rounds; r++) {
          fresh.run();
          double firstBefore = attemptsMade(stack.app);
          double secondBefore = attemptsMade(second);
          twoWorkers.add(accuracy.burst(events, perSecond, both));
          double byFirst = attemptsMade(stack.app) - firstBefore;
          double bySecond = attemptsMade(second) - secondBefore;
          secondShare.add(bySecond / (byFirst + bySecond));
          logPace(
              "two workers",
              r,
              perSecond,
              twoWorkers.get(r),
              ", %.0f%% of them by the second".formatted(100 * last(secondShare)));
        }
      }
      // The window is a ceiling: the worst round counts. The pace is the median round's.
      List<RateLimitAccuracy.Pace> all = new ArrayList<>(oneWorker);
      all.addAll(twoWorkers);
      int most = all.stream().mapToInt(RateLimitAccuracy.Pace::mostInOneSecond).max().orElse(0);
      int mostStarted =
          all.stream().mapToInt(RateLimitAccuracy.Pace::mostStartedInOneSecond).max().orElse(0);
      double paceOne =
          Stats.median(oneWorker.stream().map(RateLimitAccuracy.Pace::perSecond).toList());
      double paceTwo =
          Stats.median(twoWorkers.stream().map(RateLimitAccuracy.Pace::perSecond).toList());
      boolean windowMet = most <= perSecond + 1;
      boolean paceMet = Math.min(paceOne, paceTwo) >= 0.9 * perSecond;
      table.add(
          "8",
          ("Rate limit accuracy: a burst of %,d events to an endpoint limited to %d/s, at its"
                  + " receiver; one worker process, then two")
              .formatted(events, perSecond),
          ("at most %d in any second (rounds: %s; %d by the workers' recorded starts);"
                  + " %.1f/s with one worker, %.1f/s with two (%.0f%% of attempts by the"
                  + " second); the same burst without a limit %.0f/s")
              .formatted(
                  most,
                  all.stream()
                      .map(pace -> String.valueOf(pace.mostInOneSecond()))
                      .collect(Collectors.joining(", ")),
                  mostStarted,
                  paceOne,
                  paceTwo,
                  100 * Stats.median(secondShare),
                  unlimited.perSecond()),
          "≤ %d in any second, ≥ 0.9 × %d/s".formatted(perSecond + 1, perSecond),
          (windowMet ? "window met" : "window MISSED")
              + (paceMet ? ", pace met" : ", pace MISSED")
              + " (%.2f and %.2f × %d/s)"
                  .formatted(paceOne / perSecond, paceTwo / perSecond, perSecond));
    }

    private void logPace(
        String workers, int r, int perSecond, RateLimitAccuracy.Pace pace, String more) {
      Bench.log(
          "8. %s, limit %d/s, round %d: %d requests, at most %d in any second, %.2f/s%s;"
              + " %.0f waits for a slot, longest gap %.0f ms, at most %d started in any second,"
              + " start to receiver p99 %.0f ms, max %.0f ms; load %s",
          workers,
          perSecond,
          r + 1,
          pace.received(),
          pace.mostInOneSecond(),
          pace.perSecond(),
          more,
          pace.waits(),
          pace.longestGapMillis(),
          pace.mostStartedInOneSecond(),
          pace.wayP99Millis(),
          pace.wayMaxMillis(),
          Machine.load());
    }

    /** Attempts that got a 2xx, made by this process so far. */
    private static double attemptsMade(AppJvm jvm) {
      return jvm.metric("webhooks_delivery_attempts_total", "outcome=\"success\"");
    }

    private void throttledIsolation(Preparation fresh) throws Exception {
      ThrottledIsolation isolation = new ThrottledIsolation(stack);
      int events = sizes.isolation();
      int backlog = sizes.throttledBacklog();
      List<Double> alone = new ArrayList<>();
      List<Double> beside = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        // A fresh server each round drops the backlog before the next round without one.
        fresh.run();
        alone.add(isolation.steadyAlone(events));
        beside.add(isolation.steadyBesideBacklog(events, backlog));
        Bench.log(
            "9. isolation round %d: the other user's %.0f/s alone, %.0f/s beside the backlog"
                + " (%.2f); load %s",
            r + 1, last(alone), last(beside), last(beside) / last(alone), Machine.load());
      }
      // Each round's pair ran on the same fresh server: the ratio is taken within the round.
      List<Double> ratios = new ArrayList<>();
      for (int r = 0; r < alone.size(); r++) {
        ratios.add(beside.get(r) / alone.get(r));
      }
      double ratio = Stats.median(ratios);
      table.add(
          "9",
          ("Isolation: another user's deliveries/s while an endpoint limited to %d/s has %,d"
                  + " events queued, same load (%,d events)")
              .formatted(ThrottledIsolation.LIMIT, backlog, events),
          "%.0f/s vs %.0f/s without the backlog"
              .formatted(Stats.median(beside), Stats.median(alone)),
          "≥ 0.8 × without",
          ResultTable.verdict(ratio >= 0.8, "%.2f".formatted(ratio)));
    }

    private void deadEndpointCost() throws InterruptedException {
      DeadEndpointCost.Result result =
          new DeadEndpointCost(stack).measure(sizes.deadEndpointEvents());
      DeadEndpointCost.Cost dead = result.dead();
      DeadEndpointCost.Cost live = result.live();
      Bench.log("10. disabled endpoint: %s; working endpoint: %s", dead, live);
      boolean met = dead.requests() == 0 && dead.workflows() == 0 && dead.held() == result.events();
      table.add(
          "10",
          ("Cost of a dead endpoint: %,d new events for an endpoint disabled by a 410, against"
                  + " the same for a working one")
              .formatted(result.events()),
          ("%d requests, %d workflows (%d running), %d held rows vs %d requests, %d workflows"
                  + " (%d running) for the working one")
              .formatted(
                  dead.requests(),
                  dead.workflows(),
                  dead.running(),
                  dead.held(),
                  live.requests(),
                  live.workflows(),
                  live.running()),
          "0 requests, 0 workflows, held rows only",
          ResultTable.verdict(met, ""));
    }

    /**
     * Figure 11: a round at half the end-to-end rate without the sweep, then the expired deliveries
     * loaded, then a round at the same rate while the sweep deletes them; each round on a fresh,
     * warmed-up Temporal server.
     */
    private void retention(TemporalCeiling ceiling, EndToEnd endToEnd, double halfRate)
        throws Exception {
      RetentionUnderLoad retention = new RetentionUnderLoad(stack);
      freshTemporal(ceiling, endToEnd);
      EndToEnd.Latency without = retention.baseline(endToEnd, halfRate, sizes.latency());
      Bench.log(
          "11. without the sweep at %.0f/s over %d deliveries: p50 %.1f, p95 %.1f, p99 %.1f ms",
          halfRate, without.deliveries(), without.p50(), without.p95(), without.p99());
      double deletedBefore = retention.load(sizes.expiredDeliveries());
      freshTemporal(ceiling, endToEnd);
      RetentionUnderLoad.Result result =
          retention.withSweep(
              endToEnd,
              without,
              halfRate,
              sizes.latency(),
              deletedBefore,
              sizes.expiredDeliveries());
      EndToEnd.Latency with = result.with();
      Bench.log(
          "11. with the sweep at %.0f/s over %d deliveries: p50 %.1f, p95 %.1f, p99 %.1f ms",
          halfRate, with.deliveries(), with.p50(), with.p95(), with.p99());
      double ratio = with.p99() / without.p99();
      table.add(
          "11",
          "Retention sweep under load: %,d expired deliveries deleted while dispatch runs at half"
                  .formatted(sizes.expiredDeliveries())
              + " the end-to-end rate (%.0f/s); p99 dispatch request to receipt, and the sweep's rate"
                  .formatted(halfRate),
          "p99 %.0f ms with the sweep vs %.0f ms without; sweep %,.0f deliveries/s (%,.0f rows/s with attempts and events) during it, the last deleted %.0f s after it began"
              .formatted(
                  with.p99(),
                  without.p99(),
                  result.deliveriesPerSecond(),
                  3 * result.deliveriesPerSecond(),
                  result.sweepSeconds()),
          "p99 ≤ 1.5 × without",
          ResultTable.verdict(
              ratio <= 1.5 && result.sweptThroughout(),
              "%.2f ×%s"
                  .formatted(
                      ratio,
                      result.sweptThroughout() ? "" : "; the sweep ended before the round did")));
    }

    /**
     * Figure 12: per round, on a fresh, warmed-up Temporal server, the quiet user alone, then the
     * quiet user during another user's burst.
     */
    private void fairness(TemporalCeiling ceiling, EndToEnd endToEnd, double endToEndRate)
        throws Exception {
      Fairness fairness = new Fairness(stack);
      List<Fairness.Percentiles> idle = new ArrayList<>();
      List<Fairness.Burst> bursts = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        freshTemporal(ceiling, endToEnd);
        idle.add(fairness.idle(sizes.fairIdle()));
        Fairness.Percentiles alone = idle.getLast();
        Bench.log(
            "12. quiet user alone, round %d, %d deliveries: p50 %.1f, p99 %.1f, max %.1f ms",
            r + 1, alone.count(), alone.p50(), alone.p99(), alone.max());
        bursts.add(fairness.burst(sizes.burst()));
        Fairness.Burst burst = bursts.getLast();
        Bench.log(
            "12. burst round %d: quiet user p50 %.1f, p99 %.1f, max %.1f ms over %d deliveries"
                + " (dispatch to first attempt p50 %.1f, p99 %.1f ms);"
                + " the burst's requests took %.1f s, drained at %.0f/s (%.2f × end to end);"
                + " lag to first attempt p50 %.0f, p99 %.0f, max %.0f ms (at the drain rate in"
                + " order: p50 %.0f, p99 %.0f, max %.0f ms); workflow tasks failed: %d in"
                + " histories, %d logged",
            r + 1,
            burst.quiet().p50(),
            burst.quiet().p99(),
            burst.quiet().max(),
            burst.quiet().count(),
            burst.quietLag().p50(),
            burst.quietLag().p99(),
            burst.publishSeconds(),
            burst.drainRate(),
            burst.drainRate() / endToEndRate,
            burst.lag().p50(),
            burst.lag().p99(),
            burst.lag().max(),
            burst.impliedLag().p50(),
            burst.impliedLag().p99(),
            burst.impliedLag().max(),
            burst.failedTasks(),
            burst.loggedFailures());
      }
      // The quiet user's figures over the pooled samples of all rounds: one round has about 40,
      // too few for its p99 to be more than its worst delivery.
      Fairness.Percentiles idlePooled = Fairness.Percentiles.pooled(idle);
      Fairness.Percentiles quietPooled =
          Fairness.Percentiles.pooled(bursts.stream().map(Fairness.Burst::quiet).toList());
      Bench.log(
          "12. quiet user over all %d rounds: alone p50 %.1f, p99 %.1f ms over %d deliveries;"
              + " during the bursts p50 %.1f, p99 %.1f ms over %d deliveries",
          rounds,
          idlePooled.p50(),
          idlePooled.p99(),
          idlePooled.count(),
          quietPooled.p50(),
          quietPooled.p99(),
          quietPooled.count());
      Fairness.Percentiles whilePublished =
          Fairness.Percentiles.pooled(
              bursts.stream().map(Fairness.Burst::quietWhilePublished).toList());
      Fairness.Percentiles afterPublished =
          Fairness.Percentiles.pooled(
              bursts.stream().map(Fairness.Burst::quietAfterPublished).toList());
      Bench.log(
          "12. of those, dispatched while the burst's requests were sent: p50 %.1f, p99 %.1f ms"
              + " over %d; while its backlog drained after them: p50 %.1f, p99 %.1f ms over %d",
          whilePublished.p50(),
          whilePublished.p99(),
          whilePublished.count(),
          afterPublished.p50(),
          afterPublished.p99(),
          afterPublished.count());
      double idleP50 = idlePooled.p50();
      double idleP99 = idlePooled.p99();
      double quietP50 = quietPooled.p50();
      double quietP99 = quietPooled.p99();
      double drainRate = Stats.median(bursts.stream().map(Fairness.Burst::drainRate).toList());
      double publishSeconds =
          Stats.median(bursts.stream().map(Fairness.Burst::publishSeconds).toList());
      double lagP50 = Stats.median(bursts.stream().map(b -> b.lag().p50()).toList());
      double lagP99 = Stats.median(bursts.stream().map(b -> b.lag().p99()).toList());
      double lagMax = Stats.median(bursts.stream().map(b -> b.lag().max()).toList());
      double impliedP50 = Stats.median(bursts.stream().map(b -> b.impliedLag().p50()).toList());
      double impliedP99 = Stats.median(bursts.stream().map(b -> b.impliedLag().p99()).toList());
      double impliedMax = Stats.median(bursts.stream().map(b -> b.impliedLag().max()).toList());
      long failed = bursts.stream().mapToLong(Fairness.Burst::failedTasks).sum();
      long logged = bursts.stream().mapToLong(Fairness.Burst::loggedFailures).sum();
      String burst =
          "%,d-event burst from %d clients".formatted(sizes.burst(), Fairness.BURST_CLIENTS);
      table.add(
          "12a",
          "Fairness: a quiet user's p99 dispatch request to receipt (one event every 0.5 s) during"
              + " another user's "
              + burst
              + ", over the samples of all rounds",
          "p99 %.0f ms during vs %.0f ms idle (p50 %.0f vs %.0f ms; %d and %d deliveries)"
              .formatted(
                  quietP99, idleP99, quietP50, idleP50, quietPooled.count(), idlePooled.count()),
          "≤ 3 × idle",
          ResultTable.verdict(quietP99 <= 3 * idleP99, "%.2f ×".formatted(quietP99 / idleP99)));
      table.add(
          "12b",
          "The busy user's drain rate, first request to last recorded success",
          "%.0f deliveries/s (its requests took %.1f s) vs %.0f/s end to end (3a)"
              .formatted(drainRate, publishSeconds, endToEndRate),
          "≥ 0.9 × end to end",
          ResultTable.verdict(
              drainRate >= 0.9 * endToEndRate, "%.2f ×".formatted(drainRate / endToEndRate)));
      table.add(
          "12c",
          "The busy user's lag from dispatch to first attempt, against the queueing delay its"
              + " drain rate implies (every delivery taken in order at that rate)",
          "p50 %.1f s, p99 %.1f s, max %.1f s; implied p50 %.1f s, p99 %.1f s, max %.1f s"
              .formatted(
                  lagP50 / 1000,
                  lagP99 / 1000,
                  lagMax / 1000,
                  impliedP50 / 1000,
                  impliedP99 / 1000,
                  impliedMax / 1000),
          "reference: close to implied",
          "p99 %.2f × implied".formatted(lagP99 / impliedP99));
      table.add(
          "12d",
          "Workflow tasks failed or timed out during the bursts (WorkflowTaskFailed and"
              + " WorkflowTaskTimedOut in the runs' histories)",
          "%d in %d bursts (app log: %d \"%s\")"
              .formatted(failed, bursts.size(), logged, "Workflow task processing failure"),
          "0",
          ResultTable.verdict(failed == 0 && logged == 0, ""));
    }

    private void logReads() {
      LogReads logReads = new LogReads(stack);
      long loadStarted = System.nanoTime();
      logReads.load(sizes.logRows());
      Bench.log(
          "7. %,d delivery rows loaded in %.0f s",
          sizes.logRows(), Bench.seconds(System.nanoTime() - loadStarted));
      logReads.collectCursors();
      logReads.p99(sizes.logRequests() / 5);
      List<Double> pageP99 = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        pageP99.add(logReads.p99(sizes.logRequests()));
        Bench.log("7. delivery log round %d: p99 %.1f ms", r + 1, last(pageP99));
      }
      double logP99 = Stats.median(pageP99);
      table.add(
          "7",
          "Delivery log: p99 of GET /api/webhooks/{id}/deliveries pages, %,d rows"
              .formatted(sizes.logRows()),
          String.format(Locale.ROOT, "%.1f ms", logP99),
          "< 25 ms",
          ResultTable.verdict(logP99 < 25, ""));
    }

    private void addIf(
        String figure, String number, String name, String result, String target, String verdict) {
      if (only.contains(figure)) {
        table.add(number, name, result, target, verdict);
      }
    }

    /**
     * End-to-end rounds until they stop getting faster: the app, with the most code on its path,
     * takes the longest for the JIT to compile. Done when two rounds in a row fail to beat the best
     * so far by more than 3%, after at least 4 and at most 12 rounds.
     */
    private void warmUp(EndToEnd endToEnd) throws InterruptedException {
      double best = 0;
      int withoutGain = 0;
      for (int round = 1; round <= 12 && (round <= 4 || withoutGain < 2); round++) {
        double rate = endToEnd.throughput(sizes.endToEnd());
        Bench.log("warm-up round %d: %.0f deliveries/s", round, rate);
        withoutGain = rate > best * 1.03 ? 0 : withoutGain + 1;
        best = Math.max(best, rate);
      }
    }

    private void ceilingRound(TemporalCeiling ceiling, int r, List<Double> rates) throws Exception {
      if (!only.contains("1") && !only.contains("3")) {
        return;
      }
      CpuMeter.Sample before = stack.cpu.sample();
      rates.add(ceiling.round(sizes.ceilingWorkflows()));
      Bench.log(
          "1. Temporal ceiling round %d: %.0f workflows/s; %s workflows",
          r + 1,
          last(rates),
          stack.cpu.sample().minus(before).perThousand(sizes.ceilingWorkflows()));
    }

    private void endToEndRound(EndToEnd endToEnd, int r, List<Double> rates, boolean wanted)
        throws InterruptedException {
      if (!wanted) {
        return;
      }
      CpuMeter.Sample before = stack.cpu.sample();
      rates.add(endToEnd.throughput(sizes.endToEnd()));
      Bench.log(
          "3. end to end round %d: %.0f deliveries/s; %s deliveries",
          r + 1, last(rates), stack.cpu.sample().minus(before).perThousand(sizes.endToEnd()));
    }

    /**
     * An empty Temporal server, warmed up by workflows through it both ways: every worker and
     * client has reconnected, and the server's new JVM has compiled its hot paths, before anything
     * is measured.
     */
    private void freshTemporal(TemporalCeiling ceiling, EndToEnd endToEnd) throws Exception {
      stack.restartTemporal();
      ceiling.round(sizes.ceilingWorkflows());
      endToEnd.throughput(sizes.endToEnd() / 2);
    }

    private static double last(List<Double> values) {
      return values.get(values.size() - 1);
    }
  }
}
