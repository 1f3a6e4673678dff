package io.workflowresult.delay.learned;

import io.workflowresult.delay.PollSchedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * The offline evaluation {@link CostLadder#of}'s prices were chosen by (README, "Learned polling"):
 * the real {@link QueryPlanner} and {@link RunTimeBook} on sampled runs, with no pipeline and no
 * clock but the simulated one. Each workflow of the mix has its own log-normal run time (medians
 * 3–15 s, σ 0.15–0.25); 15% of runs fail; a run is seen (its ID arrives) when it is started,
 * optionally queued before it runs. Every run is asked until terminal; a query at or after its end
 * sees it terminal; what was learned grows run by run, as in the service. Reports API calls per run
 * and lateness (the query that saw it terminal − its end) once warm, for bare IDs ({@code
 * learned}), with hints ({@code hinted}) and for the exponential schedule alone ({@code fixed}).
 *
 * <p>{@code java -cp target/classes:target/test-classes:<deps>
 * io.workflowresult.delay.learned.LadderEvaluation} prints the candidates' table.
 */
public final class LadderEvaluation {
  static final int MIN_SAMPLES = 30;

  /** Runs of each workflow learned from before measuring, in {@code QuotaIT}'s size. */
  static final int TEST_COLD = 50;

  /** Runs of each workflow measured, in {@code QuotaIT}'s size. */
  static final int TEST_MEASURED = 480;

  /**
   * How far {@code QuotaIT}'s calls per run lie above these figures: there, some 200 runs are in
   * flight at once (20 start a second), so a run is planned from what was learned before the runs
   * just ahead of it ended, where here every run is learned from before the next is asked. Its
   * lateness falls on either side of these figures, within their spread.
   */
  static final double ONLINE_CALLS = 0.04;

  /** Seeds of the test-sized samples a candidate is judged on. */
  static final int SEEDS = 10;

  private static final Duration MIN_GAP = Duration.ofSeconds(1);

  private LadderEvaluation() {}

  /** One workflow of the mix. */
  record Workflow(String id, double medianMs, double sigma) {}

  /** One sampled run: seen (and started) at {@code seenAt}, running from {@code startAt}. */
  record Run(Workflow workflow, long seenAt, long startAt, long endAt) {}

  /** What a schedule cost and how late it was, over the measured runs. */
  record Figures(double callsPerRun, double p50Ms, double p95Ms, double longP50Share) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%.2f calls/run, lateness p50 %.2f s, p95 %.2f s, p50 share of run time (medians >= 10 s) %.0f%%",
          callsPerRun,
          p50Ms / 1000,
          p95Ms / 1000,
          longP50Share * 100);
    }
  }

  /** Figures over several samples: their means and standard deviations. */
  record Spread(Figures mean, Figures sd) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%.3f±%.3f calls/run, p50 %.2f±%.2f s, p95 %.2f±%.2f s, share %.0f±%.0f%%",
          mean.callsPerRun(),
          sd.callsPerRun(),
          mean.p50Ms() / 1000,
          sd.p50Ms() / 1000,
          mean.p95Ms() / 1000,
          sd.p95Ms() / 1000,
          mean.longP50Share() * 100,
          sd.longP50Share() * 100);
    }
  }

  /** How the first query of a run is timed. */
  enum Mode {
    FIXED,
    LEARNED,
    HINTED
  }

  /**
   * The simulator's mix ({@code --workflow-run-times 3s..15s}): five workflows, medians 3, 6, 9,
   * 12, 15 s with σ 0.15, 0.175, 0.2, 0.225, 0.25.
   */
  static List<Workflow> simulatorCatalog() {
    List<Workflow> catalog = new ArrayList<>();
    for (int w = 0; w < 5; w++) {
      catalog.add(new Workflow("wf-" + w, 3000 + 3000 * w, 0.15 + 0.025 * w));
    }
    return catalog;
  }

  /** {@code workflows} workflows of medians uniform in 3–15 s, σ uniform in 0.15–0.25. */
  static List<Workflow> randomCatalog(long seed, int workflows) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Workflow> catalog = new ArrayList<>();
    for (int w = 0; w < workflows; w++) {
      catalog.add(
          new Workflow(
              "wf-" + w, 3000 + random.nextDouble() * 12_000, 0.15 + random.nextDouble() * 0.10));
    }
    return catalog;
  }

  /** {@code perWorkflow} runs of each workflow, interleaved, one seen every second. */
  static List<Run> mix(
      long seed, List<Workflow> catalog, int perWorkflow, Duration maxQueue, boolean failEarly) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Run> runs = new ArrayList<>();
    long seen = 0;
    for (int i = 0; i < perWorkflow; i++) {
      for (Workflow wf : catalog) {
        seen += 1000;
        long queued = maxQueue.isZero() ? 0 : random.nextLong(maxQueue.toMillis() + 1);
        double ms = wf.medianMs() * Math.exp(wf.sigma() * random.nextGaussian());
        double share = 0.2 + 0.8 * random.nextDouble();
        if (failEarly && random.nextDouble() >= 0.85) {
          ms *= share;
        }
        long start = seen + queued;
        runs.add(new Run(wf, seen, start, start + Math.max(1, Math.round(ms))));
      }
    }
    return runs;
  }

  /**
   * Resolves every run in order with a fresh book; the first {@code warmUp} runs are learned from
   * but not measured ({@link #coldStart} measures them).
   */
  static Figures evaluate(List<Run> runs, LadderRule rule, Mode mode, int warmUp) {
    return measure(runs, rule, mode, warmUp, runs.size(), 42);
  }

  /** The figures of the first {@code count} runs of a cold start. */
  static Figures coldStart(List<Run> runs, LadderRule rule, Mode mode, int count) {
    return measure(runs, rule, mode, 0, count, 42);
  }

  /**
   * The figures of {@link #SEEDS} samples of the test's size ({@link #TEST_COLD} runs per workflow
   * learned from, {@link #TEST_MEASURED} measured) of the catalogs {@code catalogOf} gives per
   * seed.
   */
  static Spread spread(Function<Long, List<Workflow>> catalogOf, LadderRule rule, Mode mode) {
    List<Figures> all = new ArrayList<>();
    for (long seed = 1; seed <= SEEDS; seed++) {
      List<Workflow> catalog = catalogOf.apply(seed);
      List<Run> runs = mix(seed, catalog, TEST_COLD + TEST_MEASURED, Duration.ZERO, false);
      all.add(measure(runs, rule, mode, TEST_COLD * catalog.size(), runs.size(), seed));
    }
    double[] mean = new double[4];
    double[] sq = new double[4];
    for (Figures f : all) {
      double[] v = {f.callsPerRun(), f.p50Ms(), f.p95Ms(), f.longP50Share()};
      for (int i = 0; i < 4; i++) {
        mean[i] += v[i] / all.size();
        sq[i] += v[i] * v[i] / all.size();
      }
    }
    double[] sd = new double[4];
    for (int i = 0; i < 4; i++) {
      sd[i] = Math.sqrt(Math.max(0, sq[i] - mean[i] * mean[i]));
    }
    return new Spread(
        new Figures(mean[0], mean[1], mean[2], mean[3]), new Figures(sd[0], sd[1], sd[2], sd[3]));
  }

  private static Figures measure(
      List<Run> runs, LadderRule rule, Mode mode, int from, int to, long seed) {
    RunTimeBook book = new RunTimeBook(RunTimeBook.Limits.withMinSamples(MIN_SAMPLES), rule);
    SplittableRandom jitter = new SplittableRandom(seed);
    QueryPlanner planner =
        new QueryPlanner(
            new ScheduleSettings(
                mode != Mode.FIXED,
                MIN_GAP,
                Duration.ofHours(1),
                Duration.ofHours(24),
                Duration.ofHours(1)),
            book,
            new PollSchedule(
                Duration.ofSeconds(2), Duration.ofSeconds(60), 2.0, jitter::nextDouble),
            jitter::nextDouble);
    long calls = 0;
    List<Long> lateness = new ArrayList<>();
    List<Double> longShares = new ArrayList<>();
    for (int i = 0; i < to; i++) {
      Run run = runs.get(i);
      long[] outcome = resolve(run, planner, book, mode);
      if (i >= from) {
        calls += outcome[0];
        lateness.add(outcome[1]);
        if (run.workflow().medianMs() >= 10_000) {
          longShares.add((double) outcome[1] / (run.endAt() - run.startAt()));
        }
      }
    }
    long[] late = lateness.stream().mapToLong(Long::longValue).sorted().toArray();
    double[] shares = longShares.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new Figures(
        (double) calls / late.length,
        percentile(late, 0.50),
        percentile(late, 0.95),
        shares.length == 0 ? 0 : shares[(int) (shares.length * 0.5)]);
  }

  /** Asks one run until terminal; returns its calls and its lateness. */
  private static long[] resolve(Run run, QueryPlanner planner, RunTimeBook book, Mode mode) {
    String wf = run.workflow().id();
    NextDue first =
        mode == Mode.HINTED
            ? planner.firstDue(
                new RunHints(Optional.of(wf), OptionalLong.of(run.seenAt())), run.seenAt())
            : planner.firstDue(RunHints.NONE, run.seenAt());
    PollState state =
        new PollState(
            run.seenAt(),
            0,
            first.workflowId(),
            OptionalLong.empty(),
            first.hintedStart(),
            OptionalLong.empty(),
            Optional.of(first.kind()),
            0);
    long t = first.dueAt();
    long calls = 0;
    while (true) {
      calls++;
      state = state.queriedAt(t);
      if (t >= run.endAt()) {
        RunTiming timing =
            new RunTiming(
                wf,
                Optional.of("1"),
                OptionalLong.of(run.startAt()),
                OptionalLong.of(run.endAt()),
                OptionalLong.of(run.endAt() - run.startAt()));
        book.learn(timing, state.hintedStart().orElse(run.seenAt()), t);
        return new long[] {calls, t - run.endAt()};
      }
      OptionalLong start =
          t >= run.startAt() ? OptionalLong.of(run.startAt()) : OptionalLong.empty();
      NextDue next =
          planner.afterNotYet(
              state,
              new NotYetAnswer(Optional.of(wf), Optional.of("1"), start, Optional.empty()),
              t);
      state = state.after(next);
      t = next.dueAt();
    }
  }

  private static double percentile(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.floor(sorted.length * p))];
  }

  /**
   * The smallest relative margin of bare-ID figures under the goals (≤ 2.3 calls, lateness p50 ≤ 2
   * s, p95 ≤ 6 s, p50 ≤ 25% of the run's time for workflows of medians of 10 s or more), to 0.1%.
   * The pipeline's own delay (a due run is asked within 250 ms; the HTTP round trip; the produce)
   * is left to {@code QuotaIT} to measure.
   */
  static double margin(Figures f) {
    double smallest =
        Math.min(
            Math.min((2.3 - f.callsPerRun()) / 2.3, (0.25 - f.longP50Share()) / 0.25),
            Math.min((2000 - f.p50Ms()) / 2000, (6000 - f.p95Ms()) / 6000));
    return Math.round(smallest * 1000) / 1000.0;
  }

  /** Candidate prices: a second of lateness, a result later than the bound, the bound. */
  static List<CostLadder> candidates() {
    List<CostLadder> out = new ArrayList<>();
    for (double perSecond : new double[] {0.1, 0.15, 0.175, 0.2, 0.225, 0.25, 0.3}) {
      for (double perLateRun : new double[] {0.0, 0.25, 0.5, 1.0}) {
        for (int lateAfter : new int[] {4, 5, 6}) {
          out.add(new CostLadder(perSecond, perLateRun, Duration.ofSeconds(lateAfter), MIN_GAP));
        }
      }
    }
    return out;
  }

  /** The goal mixes: the simulator's catalog, and ten workflows drawn at random per seed. */
  static List<Function<Long, List<Workflow>>> goalCatalogs() {
    return List.of(seed -> simulatorCatalog(), seed -> randomCatalog(100 + seed, 10));
  }

  /** The simulator's mix with many runs: the figures README shows. */
  static List<Run> simulatorMix(int perWorkflow) {
    return mix(42, simulatorCatalog(), perWorkflow, Duration.ZERO, false);
  }

  /**
   * The smallest number of standard deviations {@code sd} by which {@code mean}, its calls shifted
   * by what {@code QuotaIT} measures above them ({@link #ONLINE_CALLS}), stays inside the goals:
   * how reliably a sample of {@code QuotaIT}'s size meets every goal.
   */
  static double sdMargin(Figures mean, Figures sd) {
    double smallest =
        Math.min(
            Math.min(
                (2.3 - ONLINE_CALLS - mean.callsPerRun()) / sd.callsPerRun(),
                (0.25 - mean.longP50Share()) / sd.longP50Share()),
            Math.min((2000 - mean.p50Ms()) / sd.p50Ms(), (6000 - mean.p95Ms()) / sd.p95Ms()));
    return Math.round(smallest * 100) / 100.0;
  }

  /** Each figure's standard deviation, averaged over {@code spreads}: one spread for every rule. */
  static Figures pooledSd(List<Spread> spreads) {
    double[] sum = new double[4];
    for (Spread s : spreads) {
      Figures sd = s.sd();
      sum[0] += sd.callsPerRun() / spreads.size();
      sum[1] += sd.p50Ms() / spreads.size();
      sum[2] += sd.p95Ms() / spreads.size();
      sum[3] += sd.longP50Share() / spreads.size();
    }
    return new Figures(sum[0], sum[1], sum[2], sum[3]);
  }

  public static void main(String[] args) {
    System.out.printf(
        Locale.ROOT,
        "%d samples per mix of %d runs per workflow learned from and %d measured: the simulator's"
            + " catalog, and 10 random workflows (medians 3-15 s, sigma 0.15-0.25); sd margin: the"
            + " fewest standard deviations (pooled over the candidates) by which the simulator's"
            + " mix, calls + %.3f as QuotaIT measures them, stays inside each goal; eligible: the"
            + " random mix's means inside the goals%n",
        SEEDS,
        TEST_COLD,
        TEST_MEASURED,
        ONLINE_CALLS);
    List<LadderRule> rules = new ArrayList<>(List.of(Ladder.QUANTILES));
    rules.addAll(candidates());
    List<Spread> simulators = new ArrayList<>();
    List<Spread> random = new ArrayList<>();
    for (LadderRule rule : rules) {
      simulators.add(spread(goalCatalogs().get(0), rule, Mode.LEARNED));
      random.add(spread(goalCatalogs().get(1), rule, Mode.LEARNED));
    }
    Figures sd = pooledSd(simulators);
    System.out.println("pooled sd of the simulator's mix: " + sd);
    LadderRule best = null;
    double bestMargin = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < rules.size(); i++) {
      double sdMargin = sdMargin(simulators.get(i).mean(), sd);
      boolean eligible = margin(random.get(i).mean()) >= 0;
      System.out.printf(
          Locale.ROOT,
          "%-70s simulator's: %s | random: %s | sd margin %.2f%s%n",
          rules.get(i),
          simulators.get(i),
          random.get(i),
          sdMargin,
          eligible ? "" : " (not eligible)");
      if (rules.get(i) instanceof CostLadder && eligible && sdMargin > bestMargin) {
        bestMargin = sdMargin;
        best = rules.get(i);
      }
    }
    System.out.println("best prices by the criterion: " + best);
    report(CostLadder.of(MIN_GAP));
  }

  /** Every figure of one rule on the simulator's mix (1000 runs per workflow, 100 learned from). */
  static void report(LadderRule rule) {
    List<Run> runs = simulatorMix(1000);
    System.out.println(rule + ", simulator's mix, 100 runs per workflow learned from:");
    for (Mode mode : Mode.values()) {
      System.out.println("  " + mode + ": " + evaluate(runs, rule, mode, 500));
    }
    for (Mode mode : Mode.values()) {
      System.out.println(
          "  test-sized samples, " + mode + ": " + spread(seed -> simulatorCatalog(), rule, mode));
    }
    List<Run> queued = mix(42, simulatorCatalog(), 1000, Duration.ofSeconds(2), false);
    List<Run> early = mix(42, simulatorCatalog(), 1000, Duration.ZERO, true);
    System.out.println("  queued 0-2 s, LEARNED: " + evaluate(queued, rule, Mode.LEARNED, 500));
    System.out.println(
        "  failed runs fail early (--fail-early 0.2), LEARNED: "
            + evaluate(early, rule, Mode.LEARNED, 500));
    for (Mode mode : Mode.values()) {
      System.out.println(
          "  cold start (first 50 runs of each workflow), "
              + mode
              + ": "
              + coldStart(runs, rule, mode, 5 * 50));
    }
  }
}
