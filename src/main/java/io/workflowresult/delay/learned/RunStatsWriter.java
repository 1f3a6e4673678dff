package io.workflowresult.delay.learned;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes this instance's own learned run times to {@code topics.run-stats}: one record per workflow
 * version that learned something since the last write, keyed by workflow, version and instance. A
 * failed send marks its workflow changed again, so the next write retries it; failures log one WARN
 * until a send succeeds again (what was learned is an optimisation, never a run's outcome).
 */
public final class RunStatsWriter {
  private static final Logger log = LoggerFactory.getLogger(RunStatsWriter.class);

  private final Producer<byte[], byte[]> producer;
  private final String topic;
  private final String instance;
  private final RunTimeBook book;
  private final Clock clock;
  private final AtomicBoolean failing = new AtomicBoolean();

  /**
   * @param producer a producer of byte arrays, shared or its own; the writer never closes it
   * @param instance this instance's stable identity (its records' keys)
   */
  public RunStatsWriter(
      Producer<byte[], byte[]> producer,
      String topic,
      String instance,
      RunTimeBook book,
      Clock clock) {
    this.producer = producer;
    this.topic = topic;
    this.instance = instance;
    this.book = book;
    this.clock = clock;
  }

  /** Sends a record for every workflow version learned from since the last call; how many. */
  public int writeChanged() {
    List<RunTimeBook.OwnSnapshot> changed = book.takeChanged();
    long now = clock.millis();
    for (RunTimeBook.OwnSnapshot own : changed) {
      RunStatsRecord record = new RunStatsRecord(own.key(), instance, now, own.windows());
      send(RunStatsCodec.key(own.key(), instance), RunStatsCodec.value(record), own.key());
    }
    return changed.size();
  }

  /** Removes a record from the topic (a tombstone), e.g. one whose samples are all too old. */
  public void forget(byte[] key) {
    send(key, null, null);
  }

  private void send(byte[] key, byte[] value, WorkflowKey changedAgainOnFailure) {
    producer.send(
        new ProducerRecord<>(topic, key, value),
        (metadata, e) -> {
          if (e == null) {
            failing.set(false);
            return;
          }
          if (changedAgainOnFailure != null) {
            book.changedAgain(changedAgainOnFailure);
          }
          if (failing.compareAndSet(false, true)) {
            log.warn(
                "cannot write learned run times to {} ({}); retrying with the next write",
                topic,
                e.toString());
          }
        });
  }
}
