package io.workflowresult.aggregate.query;

import java.util.Optional;

/**
 * Answers for the cost endpoints, read from the aggregator's stores (interactive queries) across
 * every instance of the application. Each answer is contract JSON (the totals and windows objects
 * of README "Cost aggregates", {@code totalCost} an exact plain decimal) ready to be sent as the
 * response body.
 *
 * <p>{@link CostRoutes} maps the HTTP paths onto these methods, including the {@code local=true}
 * form instances use to ask each other; an HTTP endpoint needs nothing else.
 *
 * <p>Every method may throw {@link CostsUnavailableException} (the answer to send is 503): while
 * Streams is not running or is rebalancing, or when another instance that holds part of the answer
 * cannot be reached. It never returns a partial answer silently.
 */
public interface CostQueries {

  /**
   * {@code GET /costs}: every workflow's totals, a JSON array sorted by workflow ID (empty array
   * when nothing was aggregated yet). Merges the answers of every instance.
   */
  String allTotalsJson();

  /**
   * {@code GET /costs/{workflowId}}: that workflow's totals object, from the instance holding it;
   * empty when no run of that workflow has been aggregated (404).
   */
  Optional<String> totalsJson(String workflowId);

  /**
   * {@code GET /costs/{workflowId}/windows?from=&to=}: the workflow's windows of the configured
   * size whose {@code windowStart} lies in {@code [fromMs, toMs)}, a JSON array sorted by {@code
   * windowStart} (empty when none). Windows of one workflow live on several instances, so this asks
   * every instance.
   */
  String windowsJson(String workflowId, long fromMs, long toMs);
}
