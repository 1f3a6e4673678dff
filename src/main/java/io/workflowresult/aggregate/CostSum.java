package io.workflowresult.aggregate;

import io.workflowresult.aggregate.RunCost.RunStatus;
import java.math.BigDecimal;

/**
 * The aggregate of a set of runs of one workflow: all time ({@code window == null}) or in one
 * window of event time. Adding and then subtracting the same run gives back the same figures
 * exactly (decimal arithmetic, no rounding), which is what lets a repeated result replace the
 * earlier one.
 *
 * @param workflowName the name carried by the run added last (null until a run carried one)
 * @param updatedAt epoch ms of the last change, from the aggregator's clock
 */
public record CostSum(
    String workflowId,
    String workflowName,
    long runs,
    long succeeded,
    long failed,
    BigDecimal totalCost,
    long totalTokens,
    long updatedAt,
    Window window) {

  /** A window of event time: {@code [start, end)} in epoch ms. */
  public record Window(long start, long end) {}

  /** Nothing yet: the Streams initializer. */
  public static CostSum empty() {
    return new CostSum(null, null, 0, 0, 0, BigDecimal.ZERO, 0, 0, null);
  }

  /** This sum with {@code run} added. */
  public CostSum plus(RunCost run, long now) {
    return new CostSum(
        run.workflowId(),
        run.workflowName() != null ? run.workflowName() : workflowName,
        runs + 1,
        succeeded + (run.status() == RunStatus.SUCCEED ? 1 : 0),
        failed + (run.status() == RunStatus.FAILED ? 1 : 0),
        totalCost.add(run.cost()),
        totalTokens + run.tokens(),
        now,
        window);
  }

  /** This sum with {@code run}, added earlier, taken out again. */
  public CostSum minus(RunCost run, long now) {
    return new CostSum(
        workflowId != null ? workflowId : run.workflowId(),
        workflowName,
        runs - 1,
        succeeded - (run.status() == RunStatus.SUCCEED ? 1 : 0),
        failed - (run.status() == RunStatus.FAILED ? 1 : 0),
        totalCost.subtract(run.cost()),
        totalTokens - run.tokens(),
        now,
        window);
  }

  /** The same figures, for {@code window}. */
  public CostSum in(Window w) {
    return new CostSum(
        workflowId, workflowName, runs, succeeded, failed, totalCost, totalTokens, updatedAt, w);
  }
}
