package io.workflowresult.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Where a record was read: its topic, partition and offset, written {@code topic/partition/offset}
 * — in log lines and in the {@code run.source} header ({@link RunHeaders#SOURCE}).
 */
public record RecordSource(String topic, int partition, long offset) {

  /** Where {@code record} was read. */
  public static RecordSource of(ConsumerRecord<?, ?> record) {
    return new RecordSource(record.topic(), record.partition(), record.offset());
  }

  /** The record at {@code offset} of {@code partition}. */
  public static RecordSource of(TopicPartition partition, long offset) {
    return new RecordSource(partition.topic(), partition.partition(), offset);
  }

  /** {@code topic/partition/offset}. */
  @Override
  public String toString() {
    return topic + "/" + partition + "/" + offset;
  }
}
