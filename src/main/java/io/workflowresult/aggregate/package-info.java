/**
 * The cost aggregator (Kafka Streams, exactly once): the topology that turns the results topic into
 * a table by run ID and the per-workflow totals and windows ({@link
 * io.workflowresult.aggregate.CostTopology}), the contract JSON of those totals ({@link
 * io.workflowresult.aggregate.CostSumJson}) and the Streams client that runs it ({@link
 * io.workflowresult.aggregate.CostAggregator}). Money is {@code BigDecimal} throughout.
 *
 * <p>May use: {@code config}, {@code kafka}.
 */
package io.workflowresult.aggregate;
