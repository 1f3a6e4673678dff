package io.workflowresult.aggregate;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The slim projection of one terminal run that the aggregator keeps per run ID: everything the
 * totals and windows need, nothing else (input and output are dropped).
 *
 * @param workflowId never blank
 * @param workflowName may be null when the API did not send one
 * @param status {@code SUCCEED} or {@code FAILED}
 * @param cost the run's {@code totalCost}, exactly as the API wrote it (zero when absent)
 * @param tokens the run's {@code totalTokens} (zero when absent)
 * @param eventTime epoch ms: {@code endTime}, or the record timestamp (see {@link ResultReader})
 */
public record RunCost(
    String workflowId,
    String workflowName,
    RunStatus status,
    BigDecimal cost,
    long tokens,
    long eventTime) {

  public RunCost {
    Objects.requireNonNull(workflowId, "workflowId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(cost, "cost");
  }

  /** The terminal statuses a result can carry. */
  public enum RunStatus {
    SUCCEED,
    FAILED
  }
}
