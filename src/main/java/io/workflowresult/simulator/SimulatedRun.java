package io.workflowresult.simulator;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Everything the simulator will ever say about one run, fixed by its ID and the seed. Times are
 * relative to the run's first query, which starts its clock.
 *
 * @param terminalStatus what it finishes with: {@code SUCCEED}, {@code FAILED}, or {@code
 *     CANCELLED} for {@code weird-} runs
 * @param totalCost exact, scale 4
 * @param pendingMillis how long after the first query it stays {@code PENDING}
 * @param runTimeMillis how long after the first query it becomes terminal (never, for {@code
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

  /** The status answered {@code elapsedMillis} after the first query. */
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

  /** The run's {@code startTime} for a clock started at {@code firstQueryAt}. */
  public long startTime(long firstQueryAt) {
    return firstQueryAt + pendingMillis;
  }

  /** The run's {@code endTime} for a clock started at {@code firstQueryAt}. */
  public long endTime(long firstQueryAt) {
    return firstQueryAt + runTimeMillis;
  }
}
