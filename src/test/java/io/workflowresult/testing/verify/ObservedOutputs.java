package io.workflowresult.testing.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything read back from the output topics: every result and dead letter (duplicates kept), and
 * the latest cost-totals record per workflow. Filled by {@link OutputReader}, or by hand in tests
 * of the verifier.
 */
public final class ObservedOutputs {
  private final Map<String, List<OutputRecord>> resultsByRun = new LinkedHashMap<>();
  private final List<OutputRecord> unkeyedResults = new ArrayList<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  private final Map<String, CostTotal> latestTotals = new LinkedHashMap<>();
  private final Map<String, CostTotal> latestWindows = new LinkedHashMap<>();
  private int totalsRecords;

  /** A dead letter as read: its record and the fields the verifier matches on. */
  public record DeadLetter(
      OutputRecord record,
      Optional<JsonNode> value,
      String runId,
      String reason,
      String input,
      String inputSha256) {

    static DeadLetter of(OutputRecord record) {
      Optional<JsonNode> value = ExactJson.parse(record.value());
      String runId = value.map(v -> textOrNull(v, "workflowRunId")).orElse(null);
      if (runId == null) {
        runId = record.key();
      }
      return new DeadLetter(
          record,
          value,
          runId,
          value.map(v -> textOrNull(v, "reason")).orElse("<unreadable dead letter>"),
          value.map(v -> textOrNull(v, "input")).orElse(null),
          value.map(v -> textOrNull(v, "inputSha256")).orElse(null));
    }
  }

  /** A {@code workflow-cost-totals} value; {@code totalCost} exact as written. */
  public record CostTotal(
      String workflowId,
      String workflowName,
      long runs,
      long succeeded,
      long failed,
      BigDecimal totalCost,
      long totalTokens,
      OutputRecord record) {

    static Optional<CostTotal> of(OutputRecord record) {
      return ExactJson.parse(record.value())
          .filter(JsonNode::isObject)
          .map(
              v ->
                  new CostTotal(
                      Optional.ofNullable(textOrNull(v, "workflowId")).orElse(record.key()),
                      textOrNull(v, "workflowName"),
                      v.path("runs").asLong(-1),
                      v.path("succeeded").asLong(-1),
                      v.path("failed").asLong(-1),
                      v.hasNonNull("totalCost") ? v.get("totalCost").decimalValue() : null,
                      v.path("totalTokens").asLong(-1),
                      record));
    }
  }

  public synchronized void addResult(OutputRecord record) {
    if (record.key() == null) {
      unkeyedResults.add(record);
      return;
    }
    resultsByRun.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(record);
  }

  public synchronized void addDeadLetter(OutputRecord record) {
    deadLetters.add(DeadLetter.of(record));
  }

  /** Keeps the latest value per workflow (later records replace earlier ones, as compaction). */
  public synchronized void addCostTotal(OutputRecord record) {
    totalsRecords++;
    if (record.value() == null) {
      latestTotals.remove(record.key());
      return;
    }
    CostTotal total =
        CostTotal.of(record)
            .orElse(new CostTotal(record.key(), null, -1, -1, -1, null, -1, record));
    latestTotals.put(total.workflowId(), total);
  }

  /** Keeps the latest value per window key; its workflow is the value's {@code workflowId}. */
  public synchronized void addCostWindow(OutputRecord record) {
    if (record.value() == null) {
      latestWindows.remove(record.key());
      return;
    }
    CostTotal window =
        CostTotal.of(record)
            .orElse(new CostTotal(record.key(), null, -1, -1, -1, null, -1, record));
    latestWindows.put(record.key(), window);
  }

  /** The latest value of every window read, by window key. */
  public synchronized Map<String, CostTotal> latestWindows() {
    return Map.copyOf(latestWindows);
  }

  public synchronized Map<String, List<OutputRecord>> resultsByRun() {
    Map<String, List<OutputRecord>> copy = new LinkedHashMap<>();
    resultsByRun.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return copy;
  }

  public synchronized List<OutputRecord> results(String runId) {
    return List.copyOf(resultsByRun.getOrDefault(runId, List.of()));
  }

  public synchronized List<OutputRecord> unkeyedResults() {
    return List.copyOf(unkeyedResults);
  }

  public synchronized List<DeadLetter> deadLetters() {
    return List.copyOf(deadLetters);
  }

  public synchronized Map<String, CostTotal> latestTotals() {
    return Map.copyOf(latestTotals);
  }

  public synchronized int resultRecords() {
    return resultsByRun.values().stream().mapToInt(List::size).sum() + unkeyedResults.size();
  }

  public synchronized int deadLetterRecords() {
    return deadLetters.size();
  }

  public synchronized int totalsRecords() {
    return totalsRecords;
  }

  static String textOrNull(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
