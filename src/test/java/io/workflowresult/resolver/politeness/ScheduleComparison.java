package io.workflowresult.resolver.politeness;

import static org.awaitility.Awaitility.await;

import io.workflowresult.resolver.ResolverMetrics;
import io.workflowresult.simulator.DurationRange;
import io.workflowresult.simulator.SimulatedRun;
import io.workflowresult.simulator.Simulator;
import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.simulator.Workflow;
import io.workflowresult.simulator.WorkflowRunTimes;
import io.workflowresult.testing.verify.OutputRecord;
import io.workflowresult.testing.verify.Verifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The same runs resolved by three pipelines at once, one per schedule, each with its own topics and
 * its own simulator (same seed, same run IDs: the same runs): {@code fixed} (the exponential
 * schedule alone, bare IDs), {@code learned} (bare IDs) and {@code hinted} (JSON inputs with {@code
 * workflowId} and {@code startTime}). Runs start as their IDs arrive: each ID is started on the
 * three simulators ({@code Simulator.start}) and put on the three input topics at once, for
 * workflows in turn. What a run cost and how late its result was come from the simulators' truth:
 * its requests, its {@code endTime}, and the result record's timestamp.
 */
final class ScheduleComparison implements AutoCloseable {
  /** How the runs are asked: one pipeline each. */
  enum Schedule {
    FIXED,
    LEARNED,
    HINTED
  }

  /** One run: its ID and the workflow it is started for. */
  record Run(String id, Workflow workflow) {
    /** Its workflow's median run time is 10 s or more. */
    boolean longWorkflow() {
      return MIX.median(Workflow.CATALOG.indexOf(workflow)).toSeconds() >= 10;
    }
  }

  /**
   * What one schedule cost and how late it was over some runs.
   *
   * @param calls API requests per resolved run
   * @param p50Ms lateness (result published − run's end), median
   * @param p95Ms lateness, 95th percentile
   * @param longShareP50 for workflows of medians of 10 s or more, the median of lateness as a share
   *     of the run's own time
   */
  record Figures(int runs, double calls, long p50Ms, long p95Ms, double longShareP50) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%d runs: %.3f calls per run, lateness p50 %.2f s, p95 %.2f s, p50 share (medians >= 10"
              + " s) %.0f%%",
          runs,
          calls,
          p50Ms / 1000.0,
          p95Ms / 1000.0,
          longShareP50 * 100);
    }
  }

  /** The realistic mix: medians 3–15 s across the five workflows, σ 0.15–0.25, no queue. */
  static final WorkflowRunTimes MIX =
      new WorkflowRunTimes(
          new DurationRange(Duration.ofSeconds(3), Duration.ofSeconds(15)),
          0.15,
          0.25,
          DurationRange.of(Duration.ZERO),
          1.0);

  private final Map<Schedule, PolitenessFixture> fixtures = new EnumMap<>(Schedule.class);
  private final Map<Schedule, Verifier> verifiers = new EnumMap<>(Schedule.class);

  ScheduleComparison(Map<String, String> settings) throws Exception {
    for (Schedule schedule : Schedule.values()) {
      Map<String, String> own = new HashMap<>(settings);
      own.put("poll.schedule", schedule == Schedule.FIXED ? "fixed" : "learned");
      PolitenessFixture f =
          new PolitenessFixture(
              "quota-" + schedule.name().toLowerCase(Locale.ROOT),
              SimulatorOptions.builder()
                  .apiKey(PolitenessFixture.KEY)
                  .latency(new DurationRange(Duration.ofMillis(20), Duration.ofMillis(80)))
                  .workflowRunTimes(MIX),
              own);
      fixtures.put(schedule, f);
      f.start(ResolverMetrics.NOOP);
      verifiers.put(schedule, f.verifier());
    }
  }

  PolitenessFixture fixture(Schedule schedule) {
    return fixtures.get(schedule);
  }

  /** {@code count} runs from the {@code from}-th on, of the workflows in turn. */
  static List<Run> runs(String tag, int from, int count) {
    List<Run> runs = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      runs.add(new Run(tag + "-" + i, Workflow.CATALOG.get(i % Workflow.CATALOG.size())));
    }
    return runs;
  }

  /** Starts each run and submits its ID to every pipeline, one run every {@code gap}. */
  void arrive(List<Run> runs, Duration gap) {
    ScheduledExecutorService pace = Executors.newSingleThreadScheduledExecutor();
    AtomicInteger next = new AtomicInteger();
    AtomicReference<RuntimeException> failed = new AtomicReference<>();
    try {
      pace.scheduleAtFixedRate(
          () -> {
            int i = next.get();
            if (i >= runs.size() || failed.get() != null) {
              return;
            }
            try {
              start(runs.get(i));
              next.incrementAndGet();
            } catch (RuntimeException e) {
              failed.set(e);
            }
          },
          0,
          gap.toMillis(),
          TimeUnit.MILLISECONDS);
      await(runs.size() + " runs arriving")
          .atMost(gap.multipliedBy(runs.size() * 2L).plusSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> failed.get() != null || next.get() == runs.size());
      if (failed.get() != null) {
        throw failed.get();
      }
    } finally {
      pace.shutdownNow();
    }
  }

  private void start(Run run) {
    Map<Schedule, Long> startedAt = new EnumMap<>(Schedule.class);
    fixtures.forEach(
        (schedule, f) ->
            startedAt.put(
                schedule,
                f.simulator
                    .simulator()
                    .start(List.of(run.id()), Optional.of(run.workflow().id()))
                    .get(0)
                    .startedAt()));
    long start = startedAt.get(Schedule.HINTED);
    fixtures.forEach(
        (schedule, f) ->
            f.sendNow(
                schedule == Schedule.HINTED
                    ? "{\"workflowRunId\":\""
                        + run.id()
                        + "\",\"workflowId\":\""
                        + run.workflow().id()
                        + "\",\"startTime\":"
                        + start
                        + "}"
                    : run.id()));
  }

  /** Waits until every pipeline has published at least {@code count} of {@code runs}' results. */
  void awaitResolved(List<Run> runs, int count, Duration atMost) {
    await("every schedule resolving " + count + " of " + runs.size() + " runs")
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> verifiers.values().stream().allMatch(v -> resolved(v, runs) >= count));
  }

  private static long resolved(Verifier verifier, List<Run> runs) {
    verifier.verify();
    Map<String, List<OutputRecord>> results = verifier.observed().resultsByRun();
    return runs.stream().filter(r -> results.containsKey(r.id())).count();
  }

  /** What {@code schedule} cost and how late it was over {@code runs}. */
  Figures figures(Schedule schedule, List<Run> runs) {
    Simulator sim = fixtures.get(schedule).simulator.simulator();
    Verifier verifier = verifiers.get(schedule);
    long calls = 0;
    List<Long> lateness = new ArrayList<>();
    List<Double> longShares = new ArrayList<>();
    for (Run run : runs) {
      SimulatedRun truth = sim.expectedTerminal(run.id());
      long end = truth.endTime(sim.startedAt(run.id()).orElseThrow());
      long published = verifier.observed().results(run.id()).get(0).timestamp();
      long late = Math.max(0, published - end);
      calls += sim.requestsFor(run.id());
      lateness.add(late);
      if (run.longWorkflow()) {
        longShares.add((double) late / truth.executionMillis());
      }
    }
    lateness.sort(Long::compare);
    longShares.sort(Double::compare);
    return new Figures(
        runs.size(),
        (double) calls / runs.size(),
        RequestTiming.percentile(lateness, 0.50),
        RequestTiming.percentile(lateness, 0.95),
        longShares.get(Math.max(0, (int) Math.ceil(longShares.size() * 0.5) - 1)));
  }

  /** The shortest time between two queries of one run the resolver of {@code schedule} sent. */
  long smallestGapMs(Schedule schedule, List<Run> runs) {
    Map<String, List<Long>> sent = fixtures.get(schedule).sentWallMsByRun();
    long smallest = Long.MAX_VALUE;
    for (Run run : runs) {
      List<Long> times = sent.getOrDefault(run.id(), List.of());
      for (int i = 1; i < times.size(); i++) {
        smallest = Math.min(smallest, times.get(i) - times.get(i - 1));
      }
    }
    return smallest;
  }

  /** The most requests that reached {@code schedule}'s simulator within any {@code window}. */
  int mostRequestsWithin(Schedule schedule, Duration window) {
    List<Long> arrivals =
        fixtures.get(schedule).log().stream().map(r -> r.arrivedAtMs()).sorted().toList();
    return RequestTiming.maxInWindow(arrivals, window.toMillis());
  }

  Verifier verifier(Schedule schedule) {
    return verifiers.get(schedule);
  }

  @Override
  public void close() {
    verifiers.values().forEach(Verifier::close);
    fixtures.values().forEach(PolitenessFixture::close);
  }
}
