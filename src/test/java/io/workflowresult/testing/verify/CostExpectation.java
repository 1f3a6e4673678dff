package io.workflowresult.testing.verify;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cost totals each workflow must show, computed independently of the aggregator: the exact
 * {@link BigDecimal} sum, counts and tokens over the distinct terminal runs of the ground truth.
 */
public record CostExpectation(
    String workflowId, long runs, long succeeded, long failed, BigDecimal totalCost, long tokens) {

  /** Per workflow ID, from the distinct expected results. */
  public static Map<String, CostExpectation> from(Collection<ExpectedOutcome> truth) {
    Map<String, CostExpectation> byWorkflow = new TreeMap<>();
    for (ExpectedOutcome outcome : truth) {
      if (outcome instanceof ExpectedOutcome.Result r) {
        byWorkflow.merge(r.workflowId(), single(r), CostExpectation::plus);
      }
    }
    return byWorkflow;
  }

  private static CostExpectation single(ExpectedOutcome.Result r) {
    return new CostExpectation(
        r.workflowId(),
        1,
        "SUCCEED".equals(r.status()) ? 1 : 0,
        "FAILED".equals(r.status()) ? 1 : 0,
        r.totalCost(),
        r.totalTokens());
  }

  private CostExpectation plus(CostExpectation o) {
    return new CostExpectation(
        workflowId,
        runs + o.runs,
        succeeded + o.succeeded,
        failed + o.failed,
        totalCost.add(o.totalCost),
        tokens + o.tokens);
  }
}
