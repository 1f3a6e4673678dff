package io.workflowresult.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * Reads the service's results topic until every run has a result, keeping when each was published
 * (the record's timestamp, set by the service's producer); then its cost-totals topic until the
 * totals count every run.
 */
final class ResultWatch {
  private final BenchKafka kafka;
  private final Map<String, Long> publishedAt = new HashMap<>();
  private long first = Long.MAX_VALUE;
  private long last = Long.MIN_VALUE;

  ResultWatch(BenchKafka kafka) {
    this.kafka = kafka;
  }

  /**
   * Waits until {@code runs} distinct runs have a result, or fails after {@code timeout} or when
   * the service exits.
   */
  void awaitResults(String topic, long runs, Duration timeout, MeasuredProcess service)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer = kafka.reader()) {
      BenchKafka.assignFromStart(consumer, topic, timeout);
      while (publishedAt.size() < runs) {
        if (System.nanoTime() > deadline || !service.isAlive()) {
          throw new IllegalStateException(
              "expected "
                  + runs
                  + " results, got "
                  + publishedAt.size()
                  + (service.isAlive() ? " within " + timeout : " before the service exited"));
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          String run = new String(r.key(), StandardCharsets.UTF_8);
          if (publishedAt.putIfAbsent(run, r.timestamp()) == null) {
            first = Math.min(first, r.timestamp());
            last = Math.max(last, r.timestamp());
          }
        }
      }
    }
  }

  /**
   * Waits until the totals (latest value per workflow) count {@code runs} runs; returns when that
   * was seen (epoch ms).
   */
  long awaitTotals(String topic, long runs, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, Long> runsByWorkflow = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer = kafka.reader()) {
      BenchKafka.assignFromStart(consumer, topic, timeout);
      while (runsByWorkflow.values().stream().mapToLong(Long::longValue).sum() < runs) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "expected the totals to count " + runs + " runs, got " + runsByWorkflow);
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value() != null) {
            runsByWorkflow.put(new String(r.key(), StandardCharsets.UTF_8), runsOf(r.value()));
          }
        }
      }
    }
    return System.currentTimeMillis();
  }

  private static long runsOf(byte[] totals) {
    try {
      JsonNode node = Measurements.JSON.readTree(totals);
      return node.path("runs").asLong();
    } catch (IOException e) {
      throw new IllegalStateException("a totals record is not JSON", e);
    }
  }

  Map<String, Long> publishedAt() {
    return publishedAt;
  }

  long firstResultAt() {
    return first;
  }

  long lastResultAt() {
    return last;
  }
}
