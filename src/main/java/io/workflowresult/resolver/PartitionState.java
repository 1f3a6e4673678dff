package io.workflowresult.resolver;

import org.apache.kafka.common.TopicPartition;

/**
 * The resolver's state for one owned delay partition. A new object per assignment: answers that
 * come back for an older assignment (revoked or lost meanwhile) are recognised by identity and
 * dropped.
 */
final class PartitionState {
  final TopicPartition partition;
  final OffsetTracker offsets = new OffsetTracker();

  /** Runs of this partition whose request or output is not finished. */
  int outstanding;

  PartitionState(TopicPartition partition) {
    this.partition = partition;
  }
}
