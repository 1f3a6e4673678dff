package io.workflowresult.intake;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many delayed runs wait unfetched: the resolver group's lag on the delay topic (end offsets
 * minus committed offsets, summed over partitions). It is measured with the admin client at most
 * once per {@code refresh} on a daemon thread, so asking costs nothing; the value is the last
 * measurement, {@code 0} before the first and kept as it was when a measurement fails. It reads the
 * group's committed offsets, so it works whether or not the resolver runs in this process.
 */
public final class DelayBacklog implements LongSupplier, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DelayBacklog.class);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

  private final Admin admin;
  private final String topic;
  private final String group;
  private final ScheduledExecutorService timer;
  private volatile long backlog;

  public DelayBacklog(Admin admin, String topic, String group, Duration refresh) {
    this.admin = admin;
    this.topic = topic;
    this.group = group;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "delay-backlog");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::measure, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public long getAsLong() {
    return backlog;
  }

  /** Measures now (on the caller's thread) and returns the backlog. */
  public long measure() {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      var partitions =
          admin
              .describeTopics(java.util.List.of(topic))
              .allTopicNames()
              .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .get(topic)
              .partitions();
      Map<TopicPartition, OffsetSpec> latest =
          partitions.stream()
              .collect(
                  Collectors.toMap(
                      p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResultInfo> ends =
          admin.listOffsets(latest).all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      long sum = 0;
      for (var e : ends.entrySet()) {
        OffsetAndMetadata c = committed.get(e.getKey());
        long from = c == null ? earliestUnknown() : c.offset();
        sum += Math.max(0, e.getValue().offset() - from);
      }
      backlog = sum;
      return sum;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return backlog;
    } catch (Exception e) {
      log.debug("measuring the delay backlog of group {} failed: {}", group, e.toString());
      return backlog;
    }
  }

  /**
   * A partition the group never committed counts from offset 0: an overestimate when the log start
   * moved on, which only pauses intake a little longer.
   */
  private static long earliestUnknown() {
    return 0;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
