package io.workflowresult.delay.learned;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code topics.run-stats} into the latest record of each key: from the beginning on the
 * first {@link #catchUp}, then on from where it stopped. A tombstone removes its key; a damaged
 * record is skipped with one WARN naming where it is and what is wrong. Uses its consumer from one
 * thread at a time, by assignment (no group, nothing committed).
 */
public final class RunStatsReader {
  private static final Logger log = LoggerFactory.getLogger(RunStatsReader.class);
  private static final Duration POLL = Duration.ofMillis(100);

  private final Consumer<byte[], byte[]> consumer;
  private final String topic;
  private final Map<String, Latest> latest = new HashMap<>();
  private List<TopicPartition> partitions;
  private int skipped;

  /** The latest record of one key, and that key's bytes (to forget it by). */
  public record Latest(byte[] key, RunStatsRecord record) {}

  /**
   * @param consumer a consumer of byte arrays for this reader alone; the reader never closes it
   */
  public RunStatsReader(Consumer<byte[], byte[]> consumer, String topic) {
    this.consumer = consumer;
    this.topic = topic;
  }

  /**
   * Reads what was written up to now, for at most {@code timeout}; whether it reached the end.
   * Without an answer from Kafka within the timeout it stops with what it has.
   */
  public boolean catchUp(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (partitions == null && !assign(timeout)) {
      return false;
    }
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
    while (!reached(end)) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
        take(r);
      }
    }
    return true;
  }

  private boolean assign(Duration timeout) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
    if (infos == null || infos.isEmpty()) {
      return false;
    }
    partitions = new ArrayList<>();
    infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    return true;
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    for (TopicPartition tp : partitions) {
      if (consumer.position(tp) < end.getOrDefault(tp, 0L)) {
        return false;
      }
    }
    return true;
  }

  private void take(ConsumerRecord<byte[], byte[]> r) {
    if (r.key() == null) {
      skip(r, "no key");
      return;
    }
    String key = new String(r.key(), StandardCharsets.UTF_8);
    if (r.value() == null) {
      latest.remove(key);
      return;
    }
    try {
      latest.put(key, new Latest(r.key(), RunStatsCodec.read(r.value())));
    } catch (RunStatsCodec.DamagedRecordException e) {
      skip(r, e.getMessage());
    }
  }

  private void skip(ConsumerRecord<byte[], byte[]> r, String why) {
    skipped++;
    log.warn(
        "skipping a damaged learned run-times record at {}/{}/{}: {}",
        r.topic(),
        r.partition(),
        r.offset(),
        why);
  }

  /** The latest record of every key read so far. */
  public List<Latest> latest() {
    return List.copyOf(latest.values());
  }

  /** Damaged records skipped so far. */
  public int skipped() {
    return skipped;
  }
}
