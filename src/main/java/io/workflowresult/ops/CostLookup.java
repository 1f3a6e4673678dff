package io.workflowresult.ops;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code /costs} answers, bound by the wiring to the aggregator's queries. Values are written
 * as JSON as they are (records, maps, Jackson nodes); money stays {@code BigDecimal}.
 */
public interface CostLookup {

  /** Every workflow's totals. */
  List<?> totals();

  /** One workflow's totals; empty when the workflow is unknown. */
  Optional<?> totals(String workflowId);

  /**
   * The windows of one workflow that start in {@code [from, to)}, oldest first; empty when the
   * workflow is unknown.
   */
  Optional<List<?>> windows(String workflowId, Instant from, Instant to);
}
