/**
 * The resolver: holds delayed runs until due, queries them with a bounded number of requests in
 * flight, and routes every answer to the results topic, back to the delay topic, or to the
 * dead-letter topic. Offsets are committed only for records whose outputs are all acknowledged.
 *
 * <p>Entry point: {@link io.workflowresult.resolver.ResolverLoop}, built by {@code
 * pipeline.LoopAssembly}; politeness towards the API in {@code resolver.politeness}. Record
 * formats: {@link io.workflowresult.delay.DelayRecord}, {@link
 * io.workflowresult.deadletter.DeadLetter}, {@link io.workflowresult.kafka.RunHeaders}.
 */
package io.workflowresult.resolver;
