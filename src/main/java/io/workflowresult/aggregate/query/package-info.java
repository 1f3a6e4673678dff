/**
 * Queries of the aggregates for {@code /costs}: read from the Streams stores of this instance and,
 * for keys another instance holds, from that instance over HTTP ({@link
 * io.workflowresult.aggregate.query.StreamsCostQueries}, {@link
 * io.workflowresult.aggregate.query.HttpPeerClient}); {@link
 * io.workflowresult.aggregate.query.CostRoutes} maps the paths.
 *
 * <p>May use: {@code aggregate}, {@code api}, {@code config}.
 */
package io.workflowresult.aggregate.query;
