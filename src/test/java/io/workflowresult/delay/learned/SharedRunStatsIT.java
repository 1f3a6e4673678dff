package io.workflowresult.delay.learned;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.workflowresult.testing.KafkaTestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What was learned, shared through a real compacted topic: instances see each other's samples once
 * however often they re-read, a restart takes its own back, a damaged record is skipped with one
 * WARN, and records past the horizon are removed.
 */
class SharedRunStatsIT {
  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final Duration HORIZON = Duration.ofDays(7);
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private final String topic = KafkaTestCluster.unique("run-stats");
  private final KafkaProducer<byte[], byte[]> producer = KafkaTestCluster.producer();
  private final List<KafkaConsumer<byte[], byte[]>> consumers = new ArrayList<>();
  private final List<SharedRunStats> shared = new ArrayList<>();

  @BeforeEach
  void givenACompactedTopic() {
    KafkaTestCluster.createTopics(
        new NewTopic(topic, 3, (short) 1).configs(Map.of("cleanup.policy", "compact")));
  }

  @AfterEach
  void close() {
    shared.forEach(SharedRunStats::close);
    producer.close();
    consumers.forEach(KafkaConsumer::close);
  }

  private static RunTimeBook book() {
    return new RunTimeBook(RunTimeBook.Limits.withMinSamples(1), Ladder.QUANTILES);
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestCluster.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    consumers.add(consumer);
    return consumer;
  }

  private SharedRunStats instance(String id, RunTimeBook book, LearnedPollingMetrics metrics) {
    SharedRunStats instance =
        new SharedRunStats(
            new RunStatsReader(consumer(), topic),
            new RunStatsWriter(producer, topic, id, book, CLOCK),
            book,
            id,
            HORIZON,
            CLOCK,
            metrics);
    shared.add(instance);
    return instance;
  }

  private SharedRunStats instance(String id, RunTimeBook book) {
    return instance(id, book, LearnedPollingMetrics.NOOP);
  }

  private static void learn(RunTimeBook book, int runs, long learnedAt) {
    for (int i = 0; i < runs; i++) {
      book.learn(
          new RunTiming(
              "wf-1",
              Optional.of("1"),
              OptionalLong.of(learnedAt - 9000),
              OptionalLong.of(learnedAt),
              OptionalLong.of(9000 + i)),
          learnedAt - 9500,
          learnedAt);
    }
  }

  private static long samples(RunTimeBook book) {
    return book.ladderTimes("wf-1", Optional.empty(), RunTimeMeasure.EXECUTION, NOW.toEpochMilli())
        .map(LadderTimes::samples)
        .orElse(0L);
  }

  @Test
  void instancesCountEachOthersSamplesOnceHoweverOftenTheyReRead() {
    RunTimeBook a = book();
    RunTimeBook b = book();
    SharedRunStats sharedA = instance("instance-a", a);
    SharedRunStats sharedB = instance("instance-b", b);
    learn(a, 20, NOW.toEpochMilli());
    learn(b, 15, NOW.toEpochMilli());

    sharedA.refresh();
    sharedB.refresh();
    producer.flush();
    sharedA.refresh();
    learn(a, 1, NOW.toEpochMilli());
    sharedA.refresh();
    producer.flush();
    sharedA.refresh();
    sharedB.refresh();

    assertThat(samples(a)).as("A: its own 21 and B's 15").isEqualTo(36);
    assertThat(samples(b)).as("B: its own 15 and A's 21").isEqualTo(36);
  }

  @Test
  void aRestartedInstanceTakesItsOwnSamplesBackAndWritesThemOnlyOnce() {
    RunTimeBook before = book();
    SharedRunStats first = instance("instance-a", before);
    learn(before, 12, NOW.toEpochMilli());
    first.close();
    producer.flush();

    RunTimeBook after = book();
    SharedRunStats restarted = instance("instance-a", after);
    restarted.load();
    learn(after, 3, NOW.toEpochMilli());
    restarted.refresh();
    producer.flush();
    RunTimeBook other = book();
    instance("instance-b", other).load();

    assertThat(samples(after)).isEqualTo(15);
    assertThat(samples(other))
        .as("the restarted instance's record replaced its old one")
        .isEqualTo(15);
  }

  @Test
  void aDamagedRecordIsSkippedWithOneWarnAndTheRestIsRead() {
    RunTimeBook writerBook = book();
    SharedRunStats writer = instance("instance-a", writerBook);
    learn(writerBook, 5, NOW.toEpochMilli());
    writer.refresh();
    producer.send(
        new ProducerRecord<>(
            topic,
            "[\"wf-2\",\"1\",\"instance-c\"]".getBytes(StandardCharsets.UTF_8),
            "{\"v\":1,\"workflowId\":".getBytes(StandardCharsets.UTF_8)));
    producer.flush();
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    Logger log = (Logger) LoggerFactory.getLogger(RunStatsReader.class);
    log.addAppender(logged);
    AtomicInteger skipped = new AtomicInteger();
    try {
      RunTimeBook reader = book();
      instance(
              "instance-b",
              reader,
              new LearnedPollingMetrics() {
                @Override
                public void runStatsSkipped() {
                  skipped.incrementAndGet();
                }
              })
          .load();

      assertThat(samples(reader)).isEqualTo(5);
      assertThat(skipped).hasValue(1);
      assertThat(logged.list)
          .filteredOn(e -> e.getLevel() == Level.WARN)
          .singleElement()
          .satisfies(e -> assertThat(e.getFormattedMessage()).contains(topic).contains("not JSON"));
    } finally {
      log.detachAppender(logged);
    }
  }

  @Test
  void recordsWhoseSamplesArePastTheHorizonAreRemovedAtStart() {
    RunTimeBook old = book();
    SharedRunStats gone = instance("instance-gone", old);
    learn(old, 5, NOW.minus(HORIZON).minusSeconds(60).toEpochMilli());
    gone.refresh();
    producer.flush();

    RunStatsReader before = new RunStatsReader(consumer(), topic);
    before.catchUp(Duration.ofSeconds(30));
    RunTimeBook starting = book();
    instance("instance-a", starting).load();
    producer.flush();
    RunStatsReader after = new RunStatsReader(consumer(), topic);
    after.catchUp(Duration.ofSeconds(30));

    assertThat(before.latest())
        .extracting(l -> l.record().instance())
        .containsExactly("instance-gone");
    assertThat(samples(starting)).isZero();
    assertThat(after.latest()).as("removed by a tombstone").isEmpty();
  }
}
