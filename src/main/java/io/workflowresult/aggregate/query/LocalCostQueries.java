package io.workflowresult.aggregate.query;

import io.workflowresult.aggregate.CostSum;
import java.util.List;
import java.util.Optional;

/**
 * What this instance's own stores hold, without asking any other instance: the {@code local=true}
 * answers of {@link CostRoutes}. May throw {@link CostsUnavailableException}.
 */
public interface LocalCostQueries {

  /** Every totals record held here, sorted by workflow ID. */
  List<CostSum> localTotals();

  /** The workflow's totals if held here. */
  Optional<CostSum> localTotals(String workflowId);

  /** The workflow's windows held here with {@code windowStart} in {@code [fromMs, toMs)}. */
  List<CostSum> localWindows(String workflowId, long fromMs, long toMs);
}
