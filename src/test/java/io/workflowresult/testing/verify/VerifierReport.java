package io.workflowresult.testing.verify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the {@link Verifier} found. {@link #toString()} is a readable summary for test output; the
 * {@code assert…} methods fail with "expected N, got M" messages naming the first offenders.
 */
public final class VerifierReport {
  private static final int SHOWN = 15;

  private final int distinct;
  private final int submittedRecords;
  private final int resultRecords;
  private final int deadLetterRecords;
  private final List<String> lost;
  private final Map<String, List<String>> wrongOutcomes;
  private final Map<String, List<String>> payloadChanged;
  private final Map<String, String> resultAndDeadLetter;
  private final Map<String, Integer> duplicateResults;
  private final Map<String, Integer> duplicateDeadLetters;
  private final List<String> unexpected;
  private final Optional<RequestStats> stats;
  private final int costsCompared;
  private final List<String> costMismatches;

  private VerifierReport(Builder b) {
    distinct = b.truth.distinct();
    submittedRecords = b.truth.submittedRecords();
    resultRecords = b.observed.resultRecords();
    deadLetterRecords = b.observed.deadLetterRecords();
    lost = List.copyOf(b.lost);
    wrongOutcomes = copy(b.wrongOutcomes);
    payloadChanged = copy(b.payloadChanged);
    resultAndDeadLetter = Map.copyOf(b.resultAndDeadLetter);
    duplicateResults = Map.copyOf(b.duplicateResults);
    duplicateDeadLetters = Map.copyOf(b.duplicateDeadLetters);
    unexpected = List.copyOf(b.unexpected);
    stats = b.stats;
    costsCompared = b.costsCompared;
    costMismatches = List.copyOf(b.costMismatches);
  }

  public List<String> lost() {
    return lost;
  }

  public Map<String, List<String>> wrongOutcomes() {
    return wrongOutcomes;
  }

  public Map<String, List<String>> payloadChanged() {
    return payloadChanged;
  }

  public Map<String, String> resultAndDeadLetter() {
    return resultAndDeadLetter;
  }

  public Map<String, Integer> duplicateResults() {
    return duplicateResults;
  }

  public Map<String, Integer> duplicateDeadLetters() {
    return duplicateDeadLetters;
  }

  public List<String> unexpected() {
    return unexpected;
  }

  public List<String> costMismatches() {
    return costMismatches;
  }

  public Optional<RequestStats> stats() {
    return stats;
  }

  /** Records beyond the first per run, on the results and dead-letter topics together. */
  public int extraRecords() {
    return duplicateResults.values().stream().mapToInt(n -> n - 1).sum()
        + duplicateDeadLetters.values().stream().mapToInt(n -> n - 1).sum();
  }

  /** Distinct submissions that have a result or a dead letter. */
  public int resolved() {
    return distinct - lost.size();
  }

  public void assertNothingLost() {
    check("lost runs (neither result nor dead letter)", lost);
  }

  public void assertOutcomesRight() {
    check("runs with the wrong outcome or reason", describe(wrongOutcomes));
  }

  public void assertPayloadsUnchanged() {
    check("results differing from the API's run object", describe(payloadChanged));
  }

  public void assertNoResultAndDeadLetter() {
    check("runs with both a result and a dead letter", describe(resultAndDeadLetter));
  }

  public void assertNoUnexpectedRecords() {
    check("records matching no submission", unexpected);
  }

  public void assertNoDuplicates() {
    List<String> all = new ArrayList<>(describe(duplicateResults));
    all.addAll(describe(duplicateDeadLetters));
    check("runs with more than one output record", all);
  }

  public void assertCostTotalsExact() {
    if (costsCompared < 0) {
      throw new AssertionError(
          "cost totals were not read: give the Verifier the cost-totals topic");
    }
    check("cost-totals differences", costMismatches);
  }

  /** Lost, wrong outcome, payload changed, unexpected records: the always-invariants. */
  public void assertAllCorrect() {
    List<String> problems = new ArrayList<>();
    collect(problems, "lost", lost);
    collect(problems, "wrong outcome", describe(wrongOutcomes));
    collect(problems, "payload changed", describe(payloadChanged));
    collect(problems, "unexpected", unexpected);
    if (!problems.isEmpty()) {
      throw new AssertionError(
          "expected every run to end correctly, got "
              + problems.size()
              + " problem(s):\n  "
              + String.join("\n  ", problems.subList(0, Math.min(problems.size(), 3 * SHOWN)))
              + "\n"
              + this);
    }
  }

  public void assertMaxInFlightAtMost(long limit) {
    RequestStats s = requireStats();
    if (s.maxInFlight() > limit) {
      throw new AssertionError(
          "expected at most " + limit + " requests in flight, got " + s.maxInFlight());
    }
  }

  /** Requests the API saw for {@code runId} (simulator counts per run). */
  public void assertRequestsAtMost(String runId, long max) {
    long got =
        requireStats()
            .requestsFor(runId)
            .orElseThrow(() -> new AssertionError("the simulator did not count requests per run"));
    if (got > max) {
      throw new AssertionError(
          "expected at most " + max + " requests for " + runId + ", got " + got);
    }
  }

  private RequestStats requireStats() {
    return stats.orElseThrow(
        () -> new AssertionError("no simulator stats: give the Verifier a stats source"));
  }

  private void check(String what, List<String> offenders) {
    if (!offenders.isEmpty()) {
      throw new AssertionError(
          "expected 0 "
              + what
              + ", got "
              + offenders.size()
              + ": "
              + head(offenders)
              + "\n"
              + this);
    }
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    s.append("Verifier report: ")
        .append(distinct)
        .append(" distinct submissions (")
        .append(submittedRecords)
        .append(" records), ")
        .append(resolved())
        .append(" resolved; read ")
        .append(resultRecords)
        .append(" result and ")
        .append(deadLetterRecords)
        .append(" dead-letter records\n");
    line(s, "lost", lost);
    line(s, "wrong outcome", describe(wrongOutcomes));
    line(s, "payload changed", describe(payloadChanged));
    line(s, "result and dead letter", describe(resultAndDeadLetter));
    line(s, "duplicate results", describe(duplicateResults));
    line(s, "duplicate dead letters", describe(duplicateDeadLetters));
    line(s, "unexpected records", unexpected);
    s.append("  extra records (duplicates): ").append(extraRecords()).append('\n');
    stats.ifPresent(st -> s.append("  requests: ").append(requestSummary(st)).append('\n'));
    if (costsCompared >= 0) {
      line(s, "cost totals (" + costsCompared + " workflows) mismatches", costMismatches);
    }
    return s.toString();
  }

  private String requestSummary(RequestStats st) {
    String perRun =
        String.format(
            "%.2f per distinct submission", (double) st.totalRequests() / Math.max(1, distinct));
    Optional<Map.Entry<String, Long>> most =
        st.perRun().entrySet().stream().max(Map.Entry.comparingByValue());
    return st.totalRequests()
        + " total, "
        + perRun
        + most.map(e -> ", most " + e.getValue() + " (" + e.getKey() + ")").orElse("")
        + ", max in flight "
        + st.maxInFlight();
  }

  private static void line(StringBuilder s, String label, List<String> items) {
    s.append("  ").append(label).append(": ").append(items.size());
    if (!items.isEmpty()) {
      s.append(' ').append(head(items));
    }
    s.append('\n');
  }

  private static void collect(List<String> into, String label, List<String> items) {
    items.forEach(i -> into.add(label + ": " + i));
  }

  private static String head(List<String> items) {
    return items.stream()
        .limit(SHOWN)
        .collect(Collectors.joining(", ", "[", items.size() > SHOWN ? ", …]" : "]"));
  }

  private static List<String> describe(Map<String, ?> byId) {
    return byId.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList();
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> m) {
    Map<String, List<String>> c = new LinkedHashMap<>();
    m.forEach((k, v) -> c.put(k, List.copyOf(v)));
    return java.util.Collections.unmodifiableMap(c);
  }

  /** Collects findings while {@link OutcomeComparison} walks the ground truth. */
  static final class Builder {
    private final GroundTruth truth;
    private final ObservedOutputs observed;
    private final Optional<RequestStats> stats;
    private final List<String> lost = new ArrayList<>();
    private final Map<String, List<String>> wrongOutcomes = new LinkedHashMap<>();
    private final Map<String, List<String>> payloadChanged = new LinkedHashMap<>();
    private final Map<String, String> resultAndDeadLetter = new LinkedHashMap<>();
    private final Map<String, Integer> duplicateResults = new LinkedHashMap<>();
    private final Map<String, Integer> duplicateDeadLetters = new LinkedHashMap<>();
    private final List<String> unexpected = new ArrayList<>();
    private final List<String> costMismatches = new ArrayList<>();
    private int costsCompared = -1;

    Builder(GroundTruth truth, ObservedOutputs observed, Optional<RequestStats> stats) {
      this.truth = truth;
      this.observed = observed;
      this.stats = stats;
    }

    void lost(String id) {
      lost.add(id);
    }

    void wrongOutcome(String id, String what) {
      wrongOutcomes.computeIfAbsent(id, k -> new ArrayList<>()).add(what);
    }

    void payloadChanged(String id, Collection<String> diff) {
      payloadChanged.computeIfAbsent(id, k -> new ArrayList<>()).addAll(diff);
    }

    void resultAndDeadLetter(String id, String reasons) {
      resultAndDeadLetter.put(id, reasons);
    }

    void duplicateResults(String id, int records) {
      duplicateResults.put(id, records);
    }

    void duplicateDeadLetters(String id, int records) {
      duplicateDeadLetters.put(id, records);
    }

    void unexpected(String what) {
      unexpected.add(what);
    }

    void costsCompared(int workflows) {
      costsCompared = workflows;
    }

    void costMismatch(String what) {
      costMismatches.add(what);
    }

    VerifierReport build() {
      return new VerifierReport(this);
    }
  }
}
