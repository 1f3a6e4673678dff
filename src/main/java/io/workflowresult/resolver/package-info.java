/**
 * The resolver: owns the delay topic's partitions, holds fetched runs until due, queries them with
 * a bounded number of requests in flight ({@link io.workflowresult.resolver.InFlightLimiter},
 * behind the gate of {@code resolver.politeness}), and routes every answer ({@link
 * io.workflowresult.resolver.OutcomeRouter}) to the results topic, back to the delay topic, or to
 * the dead-letter topic. Offsets are committed only for records whose outputs are all acknowledged
 * ({@link io.workflowresult.resolver.OffsetTracker}).
 *
 * <p>Start reading at {@link io.workflowresult.resolver.ResolverLoop} (built by {@code
 * pipeline.LoopAssembly}); record formats: {@link io.workflowresult.delay.DelayRecord}, {@link
 * io.workflowresult.deadletter.DeadLetter}, {@link io.workflowresult.kafka.RunHeaders}.
 *
 * <p>May use: {@code api}, {@code config}, {@code deadletter}, {@code delay}, {@code delay.learned}
 * (the schedule of runs not finished yet, and what results teach it), {@code intake}, {@code
 * kafka}, {@code resolver.politeness}.
 */
package io.workflowresult.resolver;
