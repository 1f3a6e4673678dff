package io.workflowresult.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.OffsetMetadataTooLarge;
import org.junit.jupiter.api.Test;

class OffsetCommitsTest {
  private static final TopicPartition TP = new TopicPartition("delay", 0);

  /** A broker whose {@code offset.metadata.max.bytes} is {@code max}. */
  static final class StrictConsumer extends MockConsumer<byte[], byte[]> {
    final int max;

    StrictConsumer(int max) {
      super("earliest");
      this.max = max;
    }

    @Override
    public synchronized void commitAsync(
        Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
      boolean tooLarge = offsets.values().stream().anyMatch(o -> o.metadata().length() > max);
      if (tooLarge && callback == null) {
        throw new OffsetMetadataTooLarge("metadata larger than " + max);
      }
      if (tooLarge) {
        callback.onComplete(offsets, new OffsetMetadataTooLarge("metadata larger than " + max));
        return;
      }
      super.commitAsync(offsets, callback);
    }

    @Override
    public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
      commitAsync(offsets, null);
    }
  }

  /** A partition with 0 open and every other offset of the next 20,000 complete. */
  private static PartitionState manyCompletedBeyondTheFirst() {
    PartitionState s = new PartitionState(TP);
    for (long o = 0; o <= 20_000; o++) {
      s.offsets.register(o);
    }
    for (long o = 1; o <= 20_000; o += 2) {
      s.offsets.complete(o);
    }
    return s;
  }

  @Test
  void aBrokerWithASmallerMetadataLimitStillGetsTheCommit() {
    StrictConsumer consumer = new StrictConsumer(1_000);
    consumer.assign(List.of(TP));
    OffsetCommits commits = new OffsetCommits(consumer);

    commits.commitSync(List.of(manyCompletedBeyondTheFirst()));

    OffsetAndMetadata committed = consumer.committed(java.util.Set.of(TP)).get(TP);
    assertThat(committed.offset()).isZero();
    assertThat(committed.metadata()).isNotEmpty().hasSizeLessThanOrEqualTo(1_000);
    assertThat(commits.metadataChars()).isLessThanOrEqualTo(1_000);
    assertThat(CompletedOffsetsCodec.decode(committed.metadata(), 0)).isPresent();
  }

  @Test
  void anAsynchronousCommitRefusedForItsMetadataIsMadeAgainShorter() {
    StrictConsumer consumer = new StrictConsumer(600);
    consumer.assign(List.of(TP));
    OffsetCommits commits = new OffsetCommits(consumer);
    PartitionState s = manyCompletedBeyondTheFirst();

    for (int i = 0; i < 5 && consumer.committed(java.util.Set.of(TP)).get(TP) == null; i++) {
      commits.commitAsync(List.of(s), tp -> s);
    }

    OffsetAndMetadata committed = consumer.committed(java.util.Set.of(TP)).get(TP);
    assertThat(committed).as("committed within five intervals").isNotNull();
    assertThat(committed.metadata()).hasSizeLessThanOrEqualTo(600);
  }

  @Test
  void restoresWhatTheLastCommitSaysWasCompleted() {
    MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    consumer.assign(List.of(TP));
    new OffsetCommits(consumer).commitSync(List.of(manyCompletedBeyondTheFirst()));

    PartitionState next = new PartitionState(TP);
    new OffsetCommits(consumer).restore(List.of(next));

    assertThat(next.offsets.completedBefore(1)).isTrue();
    assertThat(next.offsets.completedBefore(2)).isFalse();
    assertThat(next.offsets.completedBefore(3)).isTrue();
    assertThat(next.offsets.completedBefore(0)).as("the committed position itself").isFalse();
  }
}
