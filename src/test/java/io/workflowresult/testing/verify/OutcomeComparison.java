package io.workflowresult.testing.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Compares what was read back with the ground truth. Pure: no Kafka, no clock — so it is tested
 * with hand-made records ({@code OutcomeComparisonTest}).
 */
public final class OutcomeComparison {
  static final String INVALID_INPUT = "INVALID_INPUT";
  private static final Set<String> TRUNCATABLE = Set.of("input", "output");

  private OutcomeComparison() {}

  /**
   * The report. {@code stats} is empty when the simulator was not asked; cost totals are compared
   * only when {@code compareCosts}.
   */
  public static VerifierReport compare(
      GroundTruth truth,
      ObservedOutputs observed,
      Optional<RequestStats> stats,
      boolean compareCosts) {
    VerifierReport.Builder report = new VerifierReport.Builder(truth, observed, stats);
    Map<String, List<ObservedOutputs.DeadLetter>> deadLettersById =
        assignDeadLetters(truth, observed, report);
    for (ExpectedOutcome expected : truth.all()) {
      List<OutputRecord> results = observed.results(expected.id());
      List<ObservedOutputs.DeadLetter> deadLetters =
          deadLettersById.getOrDefault(expected.id(), List.of());
      checkOne(expected, results, deadLetters, report);
    }
    observed
        .resultsByRun()
        .forEach(
            (runId, records) -> {
              if (!truth.contains(runId)) {
                records.forEach(r -> report.unexpected("result for a run never submitted: " + r));
              }
            });
    observed.unkeyedResults().forEach(r -> report.unexpected("result without a key: " + r));
    if (compareCosts) {
      compareCosts(truth, observed, report);
    }
    return report.build();
  }

  private static void checkOne(
      ExpectedOutcome expected,
      List<OutputRecord> results,
      List<ObservedOutputs.DeadLetter> deadLetters,
      VerifierReport.Builder report) {
    String id = expected.id();
    if (results.isEmpty() && deadLetters.isEmpty()) {
      report.lost(id);
      return;
    }
    if (results.size() > 1) {
      report.duplicateResults(id, results.size());
    }
    if (deadLetters.size() > 1) {
      report.duplicateDeadLetters(id, deadLetters.size());
    }
    if (expected instanceof ExpectedOutcome.Result r) {
      checkResult(r, results, deadLetters, report);
    } else if (expected instanceof ExpectedOutcome.DeadLetter d) {
      checkDeadLetter(id, d.reason(), results, deadLetters, report);
    } else {
      checkDeadLetter(id, INVALID_INPUT, results, deadLetters, report);
    }
  }

  private static void checkResult(
      ExpectedOutcome.Result expected,
      List<OutputRecord> results,
      List<ObservedOutputs.DeadLetter> deadLetters,
      VerifierReport.Builder report) {
    String id = expected.id();
    if (results.isEmpty()) {
      report.wrongOutcome(
          id,
          "expected a result "
              + expected.status()
              + ", got only dead letter(s) "
              + reasons(deadLetters));
      return;
    }
    if (!deadLetters.isEmpty()) {
      report.resultAndDeadLetter(id, reasons(deadLetters));
    }
    for (OutputRecord record : results) {
      Optional<JsonNode> actual = ExactJson.parse(record.value());
      if (actual.isEmpty()) {
        report.payloadChanged(id, List.of("value is not JSON at " + record.position()));
        continue;
      }
      boolean truncated = "true".equals(record.headers().get("run.truncated"));
      List<String> diff =
          JsonFieldDiff.diff(
              expected.runObject(), actual.get(), truncated ? TRUNCATABLE : Set.of());
      String status = record.headers().get("run.status");
      if (!expected.status().equals(status)) {
        diff = new ArrayList<>(diff);
        diff.add("header run.status: expected " + expected.status() + ", got " + status);
      }
      if (!diff.isEmpty()) {
        report.payloadChanged(id, diff);
      }
    }
  }

  private static void checkDeadLetter(
      String id,
      String reason,
      List<OutputRecord> results,
      List<ObservedOutputs.DeadLetter> deadLetters,
      VerifierReport.Builder report) {
    if (!results.isEmpty()) {
      report.wrongOutcome(
          id,
          "expected dead letter "
              + reason
              + ", got "
              + results.size()
              + " result(s)"
              + (deadLetters.isEmpty() ? "" : " and dead letter(s) " + reasons(deadLetters)));
      return;
    }
    for (ObservedOutputs.DeadLetter d : deadLetters) {
      if (!reason.equals(d.reason())) {
        report.wrongOutcome(
            id,
            "expected reason " + reason + ", got " + d.reason() + " at " + d.record().position());
      }
    }
  }

  /**
   * Dead letters by the expectation they belong to: {@code INVALID_INPUT} ones by their input bytes
   * (SHA-256, text or base64), the others by run ID. Those matching nothing are unexpected.
   */
  private static Map<String, List<ObservedOutputs.DeadLetter>> assignDeadLetters(
      GroundTruth truth, ObservedOutputs observed, VerifierReport.Builder report) {
    Map<String, String> invalidByFingerprint = new HashMap<>();
    for (ExpectedOutcome e : truth.all()) {
      if (e instanceof ExpectedOutcome.InvalidInput i && i.raw() != null) {
        invalidByFingerprint.put("sha:" + ExpectedOutcome.InvalidInput.sha256Hex(i.raw()), i.id());
        invalidByFingerprint.put("text:" + new String(i.raw(), StandardCharsets.UTF_8), i.id());
        invalidByFingerprint.put("b64:" + Base64.getEncoder().encodeToString(i.raw()), i.id());
      }
    }
    Map<String, List<ObservedOutputs.DeadLetter>> byId = new LinkedHashMap<>();
    for (ObservedOutputs.DeadLetter d : observed.deadLetters()) {
      String id = matchInvalidInput(d, invalidByFingerprint, truth);
      if (id == null && d.runId() != null && truth.contains(d.runId())) {
        id = d.runId();
      }
      if (id == null) {
        report.unexpected("dead letter matching no submission: " + d.record());
      } else {
        byId.computeIfAbsent(id, k -> new ArrayList<>()).add(d);
      }
    }
    return byId;
  }

  private static String matchInvalidInput(
      ObservedOutputs.DeadLetter d, Map<String, String> byFingerprint, GroundTruth truth) {
    if (d.inputSha256() != null) {
      String id = byFingerprint.get("sha:" + d.inputSha256().toLowerCase(Locale.ROOT));
      if (id != null) {
        return id;
      }
    }
    if (d.input() != null) {
      String id = byFingerprint.get("text:" + d.input());
      return id != null ? id : byFingerprint.get("b64:" + d.input());
    }
    String nullId = ExpectedOutcome.InvalidInput.idOf(null);
    if (INVALID_INPUT.equals(d.reason()) && d.inputSha256() == null && truth.contains(nullId)) {
      return nullId;
    }
    return null;
  }

  private static void compareCosts(
      GroundTruth truth, ObservedOutputs observed, VerifierReport.Builder report) {
    Map<String, CostExpectation> expected = CostExpectation.from(truth.all());
    Map<String, ObservedOutputs.CostTotal> actual = observed.latestTotals();
    report.costsCompared(expected.size());
    for (CostExpectation e : expected.values()) {
      ObservedOutputs.CostTotal a = actual.get(e.workflowId());
      if (a == null) {
        report.costMismatch(e.workflowId() + ": expected totals, got no record");
        continue;
      }
      field(report, e.workflowId(), "runs", e.runs(), a.runs());
      field(report, e.workflowId(), "succeeded", e.succeeded(), a.succeeded());
      field(report, e.workflowId(), "failed", e.failed(), a.failed());
      field(report, e.workflowId(), "totalTokens", e.tokens(), a.totalTokens());
      if (a.totalCost() == null || a.totalCost().compareTo(e.totalCost()) != 0) {
        report.costMismatch(
            e.workflowId()
                + ": totalCost expected "
                + e.totalCost().toPlainString()
                + ", got "
                + (a.totalCost() == null ? "nothing" : a.totalCost().toPlainString()));
      }
    }
    actual.keySet().stream()
        .filter(k -> !expected.containsKey(k))
        .sorted()
        .forEach(k -> report.costMismatch(k + ": totals for a workflow with no expected run"));
    compareWindowSums(expected, observed.latestWindows(), report);
  }

  /** Each workflow's windows (when any were read) add up to its exact totals. */
  private static void compareWindowSums(
      Map<String, CostExpectation> expected,
      Map<String, ObservedOutputs.CostTotal> windows,
      VerifierReport.Builder report) {
    if (windows.isEmpty()) {
      return;
    }
    Map<String, long[]> runs = new HashMap<>();
    Map<String, BigDecimal> cost = new HashMap<>();
    for (ObservedOutputs.CostTotal w : windows.values()) {
      runs.computeIfAbsent(w.workflowId(), k -> new long[1])[0] += w.runs();
      cost.merge(
          w.workflowId(), w.totalCost() == null ? BigDecimal.ZERO : w.totalCost(), BigDecimal::add);
    }
    for (CostExpectation e : expected.values()) {
      long got = runs.getOrDefault(e.workflowId(), new long[1])[0];
      BigDecimal gotCost = cost.getOrDefault(e.workflowId(), BigDecimal.ZERO);
      if (got != e.runs() || gotCost.compareTo(e.totalCost()) != 0) {
        report.costMismatch(
            e.workflowId()
                + ": windows add up to "
                + got
                + " runs, "
                + gotCost.toPlainString()
                + "; expected "
                + e.runs()
                + ", "
                + e.totalCost().toPlainString());
      }
    }
  }

  private static void field(
      VerifierReport.Builder report, String workflow, String name, long expected, long actual) {
    if (expected != actual) {
      report.costMismatch(workflow + ": " + name + " expected " + expected + ", got " + actual);
    }
  }

  private static String reasons(List<ObservedOutputs.DeadLetter> deadLetters) {
    return deadLetters.stream()
        .map(ObservedOutputs.DeadLetter::reason)
        .filter(Objects::nonNull)
        .toList()
        .toString();
  }
}
