/**
 * Operations: the metric names ({@link io.workflowresult.ops.MetricNames}) and the only binding to
 * Micrometer, readiness, the watch on Kafka, and the HTTP endpoints ({@code /health/*}, {@code
 * /metrics}, {@code /costs}) served by {@link io.workflowresult.ops.OpsServer}. The stages report
 * through small interfaces of their own; this room binds them.
 *
 * <p>May use: {@code aggregate}, {@code api}, {@code config}, {@code deadletter}, {@code
 * delay.learned}, {@code intake}, {@code kafka}, {@code resolver}, {@code resolver.politeness}.
 */
package io.workflowresult.ops;
