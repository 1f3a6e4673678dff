package io.workflowresult.resolver;

import io.workflowresult.api.QueryOutcome;
import io.workflowresult.delay.DelayRecord;
import io.workflowresult.delay.PendingRun;
import io.workflowresult.resolver.politeness.Ticket;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Something another thread finished, handed to the resolver's poll thread through its queue. */
sealed interface LoopEvent {

  /** What the poll thread does with each kind of event. */
  interface Handler {
    void answered(Answered answered);

    void produced(Produced produced);
  }

  /** Hands this event to the method of {@code handler} for its kind. */
  void applyTo(Handler handler);

  /**
   * The API answered (or the call failed: then a {@code Transient} outcome) the query of {@code
   * run}; {@code sent} is its delay record as queried (first query time and held time set).
   */
  record Answered(
      PendingRun run, PartitionState owner, DelayRecord sent, QueryOutcome outcome, Ticket ticket)
      implements LoopEvent {
    @Override
    public void applyTo(Handler handler) {
      handler.answered(this);
    }
  }

  /** An output was acknowledged ({@code error} null) or failed. */
  record Produced(
      Output output,
      ProducerRecord<byte[], byte[]> record,
      RecordMetadata metadata,
      Exception error)
      implements LoopEvent {
    @Override
    public void applyTo(Handler handler) {
      handler.produced(this);
    }
  }
}
