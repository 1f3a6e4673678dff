/**
 * The wiring: the one place that builds the parts of the pipeline from the configuration. {@link
 * io.workflowresult.pipeline.PipelineAssembly} starts the roles of {@code run} in order
 * (operations, topics, the API client, intake and the resolver, the aggregator, the endpoints) and
 * stops them in reverse; {@link io.workflowresult.pipeline.LoopAssembly} builds intake and the
 * resolver from finished collaborators, for the service and for the tests alike. Parts below take
 * settings and collaborators, never {@code AppConfig}.
 *
 * <p>May use: {@code aggregate}, {@code aggregate.query}, {@code api}, {@code config}, {@code
 * delay}, {@code delay.learned}, {@code intake}, {@code kafka}, {@code ops}, {@code resolver},
 * {@code resolver.politeness}, {@code topics}.
 */
package io.workflowresult.pipeline;
