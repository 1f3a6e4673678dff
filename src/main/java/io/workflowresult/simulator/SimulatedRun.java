package io.workflowresult.simulator;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Everything the simulator will ever say about one run, fixed by its ID, the seed and the workflow
 * it was started for. Times are relative to the start of the run's clock: its start ({@link
 * Simulator#start}), or else its first answered query.
 *
 * @param terminalStatus what it finishes with: {@code SUCCEED}, {@code FAILED}, or {@code
 *     CANCELLED} for {@code weird-} runs
 * @param totalCost exact, scale 4
 * @param pendingMillis how long after its clock starts it stays {@code PENDING} (queued, no {@code
 *     startTime}); not part of its {@code workflowExecutionTime}
 * @param runTimeMillis how long after its clock starts it becomes terminal (never, for {@code
 *     pending-} runs)
 * @param inputValue the value of the one field of {@code input}
 * @param outputBytes size of the filler text in {@code output} ({@code huge-} runs), else 0
 * @param answerDelay added to every answer ({@code slow-} runs), else zero
 * @param refusals how many first requests are refused before the run answers: with 503 ({@code
 *     flaky-} runs) or 404 ({@code late-} runs); else 0
 */
public record SimulatedRun(
    String runId,
    RunKind kind,
    Workflow workflow,
    String terminalStatus,
    BigDecimal totalCost,
    long totalTokens,
    long pendingMillis,
    long runTimeMillis,
    String inputValue,
    int outputBytes,
    Duration answerDelay,
    int refusals) {

  public static final String PENDING = "PENDING";
  public static final String RUNNING = "RUNNING";
  public static final String SUCCEED = "SUCCEED";
  public static final String FAILED = "FAILED";
  public static final String CANCELLED = "CANCELLED";

  /** The status answered {@code elapsedMillis} after its clock started. */
  public String statusAfter(long elapsedMillis) {
    if (kind == RunKind.PENDING_FOREVER) {
      return PENDING;
    }
    if (elapsedMillis >= runTimeMillis) {
      return terminalStatus;
    }
    return elapsedMillis >= pendingMillis ? RUNNING : PENDING;
  }

  /** Whether the run ever answers a terminal status (with a run object). */
  public boolean finishes() {
    return kind != RunKind.PENDING_FOREVER
        && kind != RunKind.UNKNOWN
        && kind != RunKind.MALFORMED
        && kind != RunKind.ALWAYS_ERROR;
  }

  /** The run's {@code startTime} for a clock started at {@code clockStart}. */
  public long startTime(long clockStart) {
    return clockStart + pendingMillis;
  }

  /** The run's {@code endTime} for a clock started at {@code clockStart}. */
  public long endTime(long clockStart) {
    return clockStart + runTimeMillis;
  }

  /** The run's {@code workflowExecutionTime}: {@code endTime - startTime}, queueing excluded. */
  public long executionMillis() {
    return runTimeMillis - pendingMillis;
  }
}
