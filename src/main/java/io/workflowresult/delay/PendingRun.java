package io.workflowresult.delay;

import io.workflowresult.kafka.RecordSource;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;

/**
 * One delay-topic record held by the resolver until its outputs are acknowledged.
 *
 * @param partition where it was read
 * @param offset its offset there
 * @param record its value
 * @param headers its headers (copied to every record derived from it)
 */
public record PendingRun(
    TopicPartition partition, long offset, DelayRecord record, Headers headers) {

  public String runId() {
    return record.workflowRunId();
  }

  /** Where it was read. */
  public RecordSource source() {
    return RecordSource.of(partition, offset);
  }
}
