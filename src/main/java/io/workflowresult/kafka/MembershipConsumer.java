package io.workflowresult.kafka;

import java.util.Map;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A consumer of byte arrays whose {@link #close()} does what {@code shutdown.leave-group} says: by
 * default a static member keeps its membership, so the same instance started again (a rollout)
 * takes its partitions back at once; with {@code leaveGroup} it leaves the group for good (a
 * scale-down), so the other members take its partitions over at once instead of after its session
 * timeout.
 */
final class MembershipConsumer extends KafkaConsumer<byte[], byte[]> {
  private final GroupMembershipOperation onClose;

  MembershipConsumer(Map<String, Object> props, boolean leaveGroup) {
    super(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    // DEFAULT: a static member stays, a dynamic one (no instance identity) leaves as always
    this.onClose =
        leaveGroup ? GroupMembershipOperation.LEAVE_GROUP : GroupMembershipOperation.DEFAULT;
  }

  @Override
  public void close() {
    close(CloseOptions.groupMembershipOperation(onClose));
  }
}
