package io.workflowresult.testing.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The expected outcome of every distinct submission of a test, in submission order. A run ID
 * submitted several times (duplicates) is one entry; {@link #submittedRecords()} counts records.
 */
public final class GroundTruth {
  private final Map<String, ExpectedOutcome> expected = new LinkedHashMap<>();
  private int submittedRecords;

  /** Expects {@code runObject} on the results topic for {@code runId}. */
  public GroundTruth result(String runId, JsonNode runObject) {
    return add(new ExpectedOutcome.Result(runId, runObject));
  }

  /** Expects a dead letter with {@code reason} for {@code runId}. */
  public GroundTruth deadLetter(String runId, String reason) {
    return add(new ExpectedOutcome.DeadLetter(runId, reason));
  }

  /** Expects a dead letter {@code INVALID_INPUT} carrying these input bytes. */
  public GroundTruth invalidInput(byte[] raw) {
    return add(ExpectedOutcome.InvalidInput.of(raw));
  }

  /** Adds an expectation; a second one for the same ID counts as a duplicate submission. */
  public synchronized GroundTruth add(ExpectedOutcome outcome) {
    submittedRecords++;
    ExpectedOutcome previous = expected.putIfAbsent(outcome.id(), outcome);
    if (previous != null && !sameKind(previous, outcome)) {
      throw new IllegalArgumentException(
          "conflicting expectations for " + outcome.id() + ": " + previous + " and " + outcome);
    }
    return this;
  }

  /** Counts one more submission of an already expected run (a duplicate). */
  public synchronized GroundTruth duplicate(String id) {
    if (!expected.containsKey(id)) {
      throw new IllegalArgumentException("no expectation for " + id);
    }
    submittedRecords++;
    return this;
  }

  /**
   * A copy with every expectation passed through {@code f} (which keeps its ID), and the same
   * submission count.
   */
  public synchronized GroundTruth map(java.util.function.UnaryOperator<ExpectedOutcome> f) {
    GroundTruth copy = new GroundTruth();
    expected.forEach(
        (id, e) -> {
          ExpectedOutcome mapped = f.apply(e);
          if (!mapped.id().equals(id)) {
            throw new IllegalArgumentException("mapping changed the ID " + id);
          }
          copy.expected.put(id, mapped);
        });
    copy.submittedRecords = submittedRecords;
    return copy;
  }

  public synchronized Collection<ExpectedOutcome> all() {
    return java.util.List.copyOf(expected.values());
  }

  public synchronized Optional<ExpectedOutcome> get(String id) {
    return Optional.ofNullable(expected.get(id));
  }

  public synchronized boolean contains(String id) {
    return expected.containsKey(id);
  }

  public synchronized int distinct() {
    return expected.size();
  }

  public synchronized int submittedRecords() {
    return submittedRecords;
  }

  private static boolean sameKind(ExpectedOutcome a, ExpectedOutcome b) {
    if (a instanceof ExpectedOutcome.DeadLetter da && b instanceof ExpectedOutcome.DeadLetter db) {
      return da.reason().equals(db.reason());
    }
    return a.getClass() == b.getClass();
  }
}
