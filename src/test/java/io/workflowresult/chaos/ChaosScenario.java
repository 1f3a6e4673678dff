package io.workflowresult.chaos;

import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.testing.ServiceProcess;
import io.workflowresult.testing.e2e.PipelineFixture;
import io.workflowresult.testing.verify.CostExpectation;
import io.workflowresult.testing.verify.GroundTruth;
import io.workflowresult.testing.verify.RequestStats;
import io.workflowresult.testing.verify.Verifier;
import io.workflowresult.testing.verify.VerifierReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One chaos scenario: a {@link PipelineFixture} (unique topics and {@code app.id}, the simulator
 * with its ground truth), named instances of the real jar each with a {@code state.dir} and HTTP
 * port of its own that survive its restarts, mixed runs to submit, and the closing verification
 * that writes the scenario's row of {@link ChaosReport} before it asserts anything.
 */
final class ChaosScenario implements AutoCloseable {
  /** One in 25 runs is one of these kinds; the others are ordinary runs (pending for a while). */
  private static final List<String> SPECIAL =
      List.of("unknown", "malformed", "weird", "mismatch", "flaky-2", "late-1");

  final PipelineFixture f;
  final GroundTruth truth = new GroundTruth();
  final Random random;
  private final String name;
  private final Map<String, Integer> ports = new HashMap<>();
  private final List<ServiceProcess> processes = new ArrayList<>();
  private long worstRecoveryMs = -1;
  private ResultsWatch results;

  private ChaosScenario(String name, PipelineFixture f) {
    this.name = name;
    this.f = f;
    this.random = Chaos.random(name);
  }

  static ChaosScenario create(String name, SimulatorOptions.Builder simulator) {
    return new ChaosScenario(name, PipelineFixture.create(label(name), simulator));
  }

  static ChaosScenario create(String name, SimulatorOptions.Builder simulator, String bootstrap) {
    return new ChaosScenario(name, PipelineFixture.create(label(name), simulator, bootstrap));
  }

  private static String label(String name) {
    return "chaos-" + name.replaceAll("[^a-z0-9]", "");
  }

  ChaosScenario set(String key, String value) {
    f.set(key, value);
    return this;
  }

  /** Starts (or starts again) instance {@code instance} with {@code extra} settings. */
  ServiceProcess start(String instance, Map<String, String> extra, String... args) {
    Map<String, String> own = new LinkedHashMap<>(extra);
    own.put(
        "state.dir",
        Path.of("target", "it-state", f.settings().get("app.id") + "-" + instance).toString());
    own.put("http.port", Integer.toString(ports.computeIfAbsent(instance, i -> Ports.free())));
    ServiceProcess p = f.startService(own, args);
    processes.add(p);
    return p;
  }

  ServiceProcess start(String instance) {
    return start(instance, Map.of());
  }

  ServiceProbe probe(String instance) {
    return new ServiceProbe(ports.get(instance));
  }

  /** The results topic as a reader sees it (opened on first use). */
  ResultsWatch results() {
    if (results == null) {
      results = new ResultsWatch(f.bootstrap(), f.topic("results"));
    }
    return results;
  }

  /** {@code n} run IDs: mostly ordinary runs, one in 25 of a kind that ends as a dead letter. */
  List<String> mixedIds(String prefix, int n) {
    List<String> ids = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ids.add(
          i % 25 == 24
              ? SPECIAL.get((i / 25) % SPECIAL.size()) + "-" + prefix + "-" + i
              : prefix + "-" + i);
    }
    return ids;
  }

  void submit(List<String> ids) {
    ids.forEach(id -> f.submit(id, truth));
    f.flush();
  }

  /** Measures a restart of {@code instance} started at {@code startedNanos} and keeps the worst. */
  RestartClock.Recovery recovered(
      String how, String instance, ServiceProcess service, long startedNanos, Duration max) {
    RestartClock.Recovery r =
        RestartClock.measure(how, service, startedNanos, probe(instance), results(), max);
    System.out.println("chaos: " + name + ": " + r);
    recovered(r.worstMs() < 0 || r.firstResultMs() < 0 ? -1 : r.worstMs());
    return r;
  }

  /** Keeps {@code ms} if it is the worst time to recover so far ({@code -1}: never recovered). */
  void recovered(long ms) {
    worstRecoveryMs =
        ms < 0 || worstRecoveryMs == Long.MAX_VALUE
            ? Long.MAX_VALUE
            : Math.max(worstRecoveryMs, ms);
  }

  /**
   * Waits until every submission has an outcome, compares everything with the ground truth, writes
   * the scenario's row and then asserts: nothing lost, every outcome right with the API's answer
   * unchanged, cost totals and windows exact.
   */
  VerifierReport finish(String faults, Duration timeout) {
    return finish(() -> faults, timeout);
  }

  /** As above, with the faults described once every run has ended (counts of injected faults). */
  VerifierReport finish(java.util.function.Supplier<String> faults, Duration timeout) {
    try (Verifier verifier = f.costVerifier(truth)) {
      AssertionError failure = null;
      try {
        verifier.awaitAllResolved(timeout);
      } catch (AssertionError e) {
        failure = e;
      }
      VerifierReport report = verifier.verify(f.truthSource().refreshed(truth));
      if (failure == null) {
        try {
          report = verifier.awaitCostTotalsExact(Duration.ofSeconds(120));
        } catch (AssertionError e) {
          failure = e;
          report = verifier.verify();
        }
      }
      ChaosReport.add(row(faults.get(), verifier, report));
      if (failure != null) {
        throw new AssertionError(
            failure.getMessage().lines().findFirst().orElse("") + "\n" + report, failure);
      }
      report.assertNothingLost();
      report.assertAllCorrect();
      report.assertCostTotalsExact();
      return report;
    }
  }

  private ChaosReport.Row row(String faults, Verifier verifier, VerifierReport report) {
    int results = verifier.observed().resultsByRun().size();
    int resultRecords = verifier.observed().resultRecords();
    long expectedRuns =
        CostExpectation.from(verifier.truth().all()).values().stream()
            .mapToLong(CostExpectation::runs)
            .sum();
    long countedRuns =
        verifier.observed().latestTotals().values().stream().mapToLong(t -> t.runs()).sum();
    RequestStats stats = f.truthSource().stats();
    String recovery =
        worstRecoveryMs < 0
            ? "—"
            : worstRecoveryMs == Long.MAX_VALUE
                ? "not recovered"
                : String.format("%.1f s", worstRecoveryMs / 1000.0);
    return new ChaosReport.Row(
        name,
        truth.distinct(),
        faults,
        report.lost().size(),
        (int) Math.max(0, countedRuns - expectedRuns),
        results == 0 ? 0 : (resultRecords - results) / (double) results,
        report.resultAndDeadLetter().size(),
        stats.totalRequests() / (double) Math.max(1, truth.distinct()),
        recovery);
  }

  @Override
  public void close() {
    processes.forEach(ServiceProcess::close);
    if (results != null) {
      results.close();
    }
    f.close();
  }
}
