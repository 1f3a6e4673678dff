package io.workflowresult.resolver;

import io.workflowresult.delay.DelayBuffer;
import io.workflowresult.delay.DelayRecord;
import io.workflowresult.delay.PendingRun;
import io.workflowresult.intake.InputValidator;
import io.workflowresult.intake.InputVerdict;
import io.workflowresult.kafka.RecordSource;
import java.time.Clock;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes polled delay-topic records in: each record's offset is registered with its partition, its
 * value read, and the run offered to the {@link DelayBuffer} (copies it makes redundant complete at
 * once; records the partition's last commit says were completed are complete at once, unread). A
 * value that is not a delay record is not the end of its run while the key is a valid run ID: the
 * run starts over from it, as if just taken in. Records of partitions no longer owned are skipped.
 */
final class DelayRecordReader {
  private static final Logger log = LoggerFactory.getLogger(DelayRecordReader.class);

  private final InputValidator keyValidator = new InputValidator();
  private final OwnedPartitions partitions;
  private final DelayBuffer buffer;
  private final Outcomes outcomes;
  private final Clock clock;

  DelayRecordReader(
      OwnedPartitions partitions, DelayBuffer buffer, Outcomes outcomes, Clock clock) {
    this.partitions = partitions;
    this.buffer = buffer;
    this.outcomes = outcomes;
    this.clock = clock;
  }

  void take(ConsumerRecords<byte[], byte[]> records) {
    for (ConsumerRecord<byte[], byte[]> rec : records) {
      TopicPartition tp = new TopicPartition(rec.topic(), rec.partition());
      PartitionState state = partitions.get(tp);
      if (state == null) {
        continue;
      }
      state.offsets.register(rec.offset());
      if (state.offsets.completedBefore(rec.offset())) {
        state.offsets.complete(rec.offset());
        log.debug("record at {}: completed before the last commit", RecordSource.of(rec));
        continue;
      }
      Optional<DelayRecord> delayed = read(rec);
      if (delayed.isEmpty()) {
        state.offsets.complete(rec.offset());
        continue;
      }
      PendingRun run = new PendingRun(tp, rec.offset(), delayed.get(), rec.headers());
      log.debug(
          "run {} at {}: held, attempt {}, due in {} ms",
          run.runId(),
          run.source(),
          run.record().attempt(),
          run.record().dueAt() - clock.millis());
      outcomes.completeRedundant(buffer.offer(run));
    }
  }

  private Optional<DelayRecord> read(ConsumerRecord<byte[], byte[]> rec) {
    Optional<DelayRecord> parsed = DelayRecord.fromJson(rec.value());
    if (parsed.isPresent()) {
      return parsed;
    }
    RecordSource where = RecordSource.of(rec);
    if (keyValidator.validate(rec.key()) instanceof InputVerdict.Valid v) {
      log.warn(
          "run {} at {}: unreadable delay record; the run starts over from its key",
          v.runId(),
          where);
      return Optional.of(DelayRecord.fresh(v.runId(), clock.millis()));
    }
    log.error("delay record at {} has neither a readable value nor a run ID key: skipped", where);
    return Optional.empty();
  }
}
