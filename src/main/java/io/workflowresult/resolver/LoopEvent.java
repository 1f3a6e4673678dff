package io.workflowresult.resolver;

import io.workflowresult.api.QueryOutcome;
import io.workflowresult.delay.PendingRun;
import io.workflowresult.resolver.politeness.Ticket;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Something another thread finished, handed to the resolver's poll thread through its queue. */
sealed interface LoopEvent {

  /** The API answered (or the call failed: then a {@code Transient} outcome). */
  record Answered(
      PendingRun run, PartitionState owner, QueryOutcome outcome, Ticket ticket, long sentAtMs)
      implements LoopEvent {}

  /** An output was acknowledged ({@code error} null) or failed. */
  record Produced(
      PendingRun run,
      PartitionState owner,
      Route route,
      ProducerRecord<byte[], byte[]> record,
      RecordMetadata metadata,
      Exception error)
      implements LoopEvent {}
}
