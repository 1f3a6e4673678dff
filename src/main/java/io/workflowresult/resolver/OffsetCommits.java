package io.workflowresult.resolver;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidCommitOffsetSizeException;
import org.apache.kafka.common.errors.OffsetMetadataTooLarge;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commits of the resolver's delay partitions. Each commits its position with, in its metadata,
 * the offsets completed beyond it ({@link CompletedOffsetsCodec}); when partitions are assigned,
 * the metadata of their last commit is read back, so that what an earlier owner (or this instance
 * before a restart) completed out of order is not read — and asked — again. A broker that refuses
 * the metadata as too large gets shorter metadata from then on, down to none: a commit never fails
 * for it. Not thread-safe: the poll thread owns it.
 */
final class OffsetCommits {
  private static final Logger log = LoggerFactory.getLogger(OffsetCommits.class);

  /** Longest wait for the last commits of newly assigned partitions. */
  static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

  private static final int SMALLEST_METADATA = 256;

  private final Consumer<byte[], byte[]> consumer;
  private int metadataChars = CompletedOffsetsCodec.BROKER_DEFAULT_MAX_CHARS;

  OffsetCommits(Consumer<byte[], byte[]> consumer) {
    this.consumer = consumer;
  }

  /** Reads the last commit of each newly assigned partition and restores what it completed. */
  void restore(Collection<PartitionState> states) {
    if (states.isEmpty()) {
      return;
    }
    Map<TopicPartition, PartitionState> byPartition = new HashMap<>();
    states.forEach(s -> byPartition.put(s.partition, s));
    Map<TopicPartition, OffsetAndMetadata> last;
    try {
      last = consumer.committed(byPartition.keySet(), READ_TIMEOUT);
    } catch (KafkaException e) {
      log.warn(
          "reading the last commits of delay partitions {} failed, so the runs completed beyond"
              + " them are asked again: {}",
          byPartition.keySet(),
          e.toString());
      return;
    }
    byPartition.forEach((tp, state) -> restore(state, last.get(tp)));
  }

  private void restore(PartitionState state, OffsetAndMetadata last) {
    if (last == null || last.metadata() == null || last.metadata().isEmpty()) {
      return;
    }
    Optional<CompletedOffsets> done = CompletedOffsetsCodec.decode(last.metadata(), last.offset());
    if (done.isPresent()) {
      state.offsets.restore(last.offset(), done.get());
      log.info(
          "delay partition {}: resuming at offset {}; {} records beyond it were completed before"
              + " and are not asked again",
          state.partition,
          last.offset(),
          done.get().count());
    } else if (CompletedOffsetsCodec.isOurs(last.metadata())) {
      log.warn(
          "delay partition {}: the metadata of its last commit is not readable, so the runs"
              + " completed beyond offset {} are asked again",
          state.partition,
          last.offset());
    } else {
      log.debug("delay partition {}: metadata of another client ignored", state.partition);
    }
  }

  /**
   * Commits, asynchronously, the partitions whose position moved or that completed records since
   * their last commit; a failed commit is made again next time.
   *
   * @param current the current state of a partition, null when it is no longer owned
   */
  void commitAsync(
      Collection<PartitionState> states, Function<TopicPartition, PartitionState> current) {
    Map<TopicPartition, OffsetAndMetadata> offsets = committable(states);
    if (offsets.isEmpty()) {
      return;
    }
    consumer.commitAsync(
        offsets,
        (committed, error) -> {
          if (error == null) {
            return;
          }
          if (error instanceof RebalanceInProgressException) {
            log.debug("delay offsets not committed during a rebalance; retrying");
          } else if (!refusedMetadata(error)) {
            log.warn("committing delay offsets failed, retrying: {}", error.toString());
          }
          committed.keySet().stream()
              .map(current)
              .filter(Objects::nonNull)
              .forEach(s -> s.offsets.commitFailed());
        });
  }

  /** Commits now, synchronously (a revocation, the shutdown). */
  void commitSync(Collection<PartitionState> states) {
    while (true) {
      Map<TopicPartition, OffsetAndMetadata> offsets = committable(states);
      if (offsets.isEmpty()) {
        return;
      }
      try {
        consumer.commitSync(offsets);
        log.debug("committed {}", offsets);
        return;
      } catch (KafkaException e) {
        states.forEach(s -> s.offsets.commitFailed());
        if (!refusedMetadata(e)) {
          log.warn("committing delay offsets {} failed: {}", offsets, e.toString());
          return;
        }
      }
    }
  }

  /** Metadata is kept to at most this many characters (for a test). */
  int metadataChars() {
    return metadataChars;
  }

  private Map<TopicPartition, OffsetAndMetadata> committable(Collection<PartitionState> states) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (PartitionState s : states) {
      s.offsets
          .toCommit()
          .ifPresent(
              position -> {
                offsets.put(s.partition, withMetadata(s, position));
                s.offsets.committed(position);
              });
    }
    return offsets;
  }

  private OffsetAndMetadata withMetadata(PartitionState s, long position) {
    CompletedOffsets beyond = s.offsets.completedBeyond(position);
    CompletedOffsetsCodec.Encoded e = CompletedOffsetsCodec.encode(position, beyond, metadataChars);
    if (e.leftOut() > 0) {
      log.debug(
          "delay partition {} at {}: {} completed offsets beyond it fit in the commit's metadata,"
              + " {} do not (they are read again after a restart)",
          s.partition,
          position,
          e.offsets(),
          e.leftOut());
    }
    return new OffsetAndMetadata(position, e.metadata());
  }

  /**
   * Whether {@code error} is the broker refusing the metadata as too large; if so, later metadata
   * is shorter (none at the end), so that commits go through.
   */
  private boolean refusedMetadata(Throwable error) {
    if (!(error instanceof OffsetMetadataTooLarge)
        && !(error instanceof InvalidCommitOffsetSizeException)) {
      return false;
    }
    int refused = metadataChars;
    metadataChars = refused > SMALLEST_METADATA ? refused / 2 : 0;
    log.warn(
        "the broker refuses commit metadata of up to {} characters (offset.metadata.max.bytes is"
            + " lower): the offsets completed beyond each commit now take at most {}",
        refused,
        metadataChars);
    return refused > 0;
  }
}
