package io.workflowresult.resolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.workflowresult.api.QueryOutcome;
import io.workflowresult.api.RateLimit;
import io.workflowresult.api.WorkflowApi;
import io.workflowresult.delay.DelayRecord;
import io.workflowresult.delay.PollSchedule;
import io.workflowresult.resolver.politeness.Admission;
import io.workflowresult.resolver.politeness.QueryGate;
import io.workflowresult.resolver.politeness.Ticket;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The poll loop against Kafka's mock clients, with a controllable clock and API: what is only
 * reachable by failing the broker.
 */
class ResolverLoopTest {
  private static final TopicPartition TP = new TopicPartition("delay", 0);
  private static final Duration WAIT = Duration.ofSeconds(15);

  /** Real time plus a shift the test controls: commits and polls keep their rhythm. */
  private final AtomicLong shift = new AtomicLong();

  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return Instant.ofEpochMilli(System.currentTimeMillis() + shift.get());
        }
      };
  private final SleepyMockConsumer consumer = new SleepyMockConsumer();
  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final Map<String, CompletableFuture<QueryOutcome>> pending = new ConcurrentHashMap<>();
  private final AtomicInteger queries = new AtomicInteger();
  private final WorkflowApi api =
      runId -> {
        queries.incrementAndGet();
        return pending.computeIfAbsent(runId, k -> new CompletableFuture<>());
      };
  private final AtomicInteger admitted = new AtomicInteger();
  private final AtomicInteger ended = new AtomicInteger();
  private final QueryGate countingGate =
      nowMs -> {
        admitted.incrementAndGet();
        return Optional.of(
            new Ticket(
                Admission.OPEN,
                new Ticket.Ending() {
                  @Override
                  public boolean answered(QueryOutcome outcome, long answeredAtMs) {
                    ended.incrementAndGet();
                    return false;
                  }

                  @Override
                  public void abandoned() {
                    ended.incrementAndGet();
                  }
                }));
      };
  private ResolverLoop loop;
  private Thread thread;

  /**
   * A mock consumer whose empty polls wait a little, like a real one, instead of spinning, and that
   * remembers every commit (the mock's own {@code committed} forgets unassigned partitions).
   */
  static final class SleepyMockConsumer extends MockConsumer<byte[], byte[]> {
    final Map<TopicPartition, Long> commits = new ConcurrentHashMap<>();

    SleepyMockConsumer() {
      super("earliest");
    }

    @Override
    public synchronized void commitAsync(
        Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
      offsets.forEach((tp, o) -> commits.put(tp, o.offset()));
      super.commitAsync(offsets, callback);
    }

    @Override
    public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
      ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
      if (records.isEmpty()) {
        try {
          wait(Math.max(1, Math.min(timeout.toMillis(), 5)));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return records;
    }
  }

  private void start(int maxInFlight) {
    ResolverSettings settings =
        new ResolverSettings(
            "in",
            "delay",
            "results",
            "dlq",
            maxInFlight,
            100,
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            Duration.ofMillis(10),
            Duration.ofMillis(50),
            Duration.ofMillis(5));
    OutcomeRouter router =
        new OutcomeRouter(
            new PollSchedule(Duration.ofSeconds(2), Duration.ofSeconds(60), 2.0, () -> 0.0),
            Duration.ofHours(24),
            2,
            10,
            Duration.ofSeconds(30));
    loop =
        new ResolverLoop(
            settings, consumer, producer, api, router, countingGate, ResolverMetrics.NOOP, clock);
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(TP));
          consumer.updateBeginningOffsets(Map.of(TP, 0L));
        });
    thread = new Thread(loop, "resolver-under-test");
    thread.start();
  }

  private void addDelayRecord(long offset, String runId, int attempt, long dueAt) {
    DelayRecord r = DelayRecord.fresh(runId, clock.millis()).next(attempt, dueAt, null, 0, 0);
    consumer.schedulePollTask(
        () ->
            consumer.addRecord(
                new ConsumerRecord<>(
                    "delay", 0, offset, runId.getBytes(StandardCharsets.UTF_8), r.toJson())));
  }

  private static QueryOutcome.Terminal succeeded(String runId) {
    return new QueryOutcome.Terminal(
        runId,
        "SUCCEED",
        ("{\"workflowRunId\":\"" + runId + "\",\"status\":\"SUCCEED\"}")
            .getBytes(StandardCharsets.UTF_8),
        false,
        Optional.of(BigDecimal.ONE),
        200,
        RateLimit.NONE);
  }

  private long committed() {
    return consumer.commits.getOrDefault(TP, -1L);
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (loop != null) {
      pending.values().forEach(f -> f.complete(succeeded("late")));
      loop.close(Duration.ofSeconds(1));
      thread.join(5_000);
    }
  }

  @Test
  void failedWriteNeverCompletesItsRecordAndIsResent() {
    start(4);
    addDelayRecord(0, "run-a", 0, clock.millis());
    await("query sent").atMost(WAIT).until(() -> pending.containsKey("run-a"));
    pending.get("run-a").complete(succeeded("run-a"));
    await("result written").atMost(WAIT).until(() -> producer.history().size() == 1);
    producer.errorNext(new TimeoutException("broker away"));

    await("no resend before its time")
        .during(Duration.ofMillis(200))
        .atMost(WAIT)
        .until(() -> producer.history().size() == 1);
    assertThat(committed()).as("nothing committed while the write failed").isLessThan(1);

    shift.addAndGet(2_000);
    await("resent").atMost(WAIT).until(() -> producer.history().size() == 2);
    assertThat(producer.history().get(1).topic()).isEqualTo("results");
    assertThat(committed()).isLessThan(1);
    producer.completeNext();
    await("committed after the acknowledgement").atMost(WAIT).until(() -> committed() == 1);
    assertThat(queries.get()).as("the run is not asked again").isEqualTo(1);
  }

  @Test
  void commitsOnlyTheContiguousPrefixOfOutOfOrderCompletions() {
    start(4);
    addDelayRecord(0, "run-a", 0, clock.millis());
    addDelayRecord(1, "run-b", 0, clock.millis());
    await("both asked").atMost(WAIT).until(() -> pending.size() == 2);
    pending.get("run-b").complete(succeeded("run-b"));
    await("b written").atMost(WAIT).until(() -> producer.history().size() == 1);
    producer.completeNext();
    await("b's acknowledgement applied")
        .during(Duration.ofMillis(100))
        .atMost(WAIT)
        .until(() -> committed() < 1);
    pending.get("run-a").complete(succeeded("run-a"));
    await("a written").atMost(WAIT).until(() -> producer.history().size() == 2);
    producer.completeNext();
    await("both committed").atMost(WAIT).until(() -> committed() == 2);
  }

  @Test
  void doesNotAskBeforeTheDueTimeAndNeverAboveTheLimit() {
    start(2);
    long due = clock.millis() + 10_000;
    for (int i = 0; i < 5; i++) {
      addDelayRecord(i, "run-" + i, 0, due);
    }
    await("records held").atMost(WAIT).until(() -> loop.held() == 5);
    shift.addAndGet(9_000); // a second before due
    await("nothing asked before due")
        .during(Duration.ofMillis(150))
        .atMost(WAIT)
        .until(() -> queries.get() == 0);
    shift.addAndGet(1_000);
    await("two asked").atMost(WAIT).until(() -> queries.get() == 2);
    await("no third while two are in flight")
        .during(Duration.ofMillis(150))
        .atMost(WAIT)
        .until(() -> queries.get() == 2);
    pending.values().forEach(f -> f.complete(succeeded("x")));
    await("the rest asked").atMost(WAIT).until(() -> queries.get() >= 4);
    assertThat(loop.inFlightHighWater()).isEqualTo(2);
  }

  @Test
  void redelaysToTheSamePartitionAndCoalescesADuplicate() {
    start(4);
    addDelayRecord(0, "run-a", 0, clock.millis());
    await("asked").atMost(WAIT).until(() -> pending.containsKey("run-a"));
    addDelayRecord(1, "run-a", 0, clock.millis()); // a duplicate arrives while the run is asked
    pending.get("run-a").complete(new QueryOutcome.NotYet("run-a", "RUNNING", 200, RateLimit.NONE));
    await("re-delayed").atMost(WAIT).until(() -> producer.history().size() == 1);
    assertThat(producer.history().get(0).topic()).isEqualTo("delay");
    assertThat(producer.history().get(0).partition()).isEqualTo(0);
    DelayRecord next = DelayRecord.fromJson(producer.history().get(0).value()).orElseThrow();
    assertThat(next.attempt()).isEqualTo(1);
    assertThat(next.dueAt() - clock.millis()).isBetween(1_000L, 2_000L);
    producer.completeNext();
    await("original and duplicate complete").atMost(WAIT).until(() -> committed() == 2);
    assertThat(queries.get()).isEqualTo(1);
  }

  @Test
  void revocationWaitsForTheRequestInFlightThenCommits() {
    start(4);
    addDelayRecord(0, "run-a", 0, clock.millis());
    addDelayRecord(1, "run-b", 0, clock.millis() + 60_000); // waiting: dropped, not committed
    await("asked").atMost(WAIT).until(() -> pending.containsKey("run-a"));
    consumer.schedulePollTask(() -> consumer.rebalance(List.of()));
    pending.get("run-a").complete(succeeded("run-a"));
    await("written during the revocation").atMost(WAIT).until(() -> producer.history().size() == 1);
    producer.completeNext();
    await("committed up to the waiting run").atMost(WAIT).until(() -> committed() == 1);
    await("partition given up").atMost(WAIT).until(() -> loop.ownedPartitions() == 0);
  }

  @Test
  void everyAdmittedRequestIsReportedEndedOnceEvenWhenItsPartitionMovedOn() {
    start(4);
    addDelayRecord(0, "run-a", 0, clock.millis());
    addDelayRecord(1, "run-b", 0, clock.millis());
    await("both asked").atMost(WAIT).until(() -> pending.size() == 2);
    pending.get("run-a").complete(succeeded("run-a"));
    await("run-a's request ended").atMost(WAIT).until(() -> ended.get() == 1);

    // When the partition is revoked and run-b's answer comes only after it was given up
    consumer.schedulePollTask(() -> consumer.rebalance(List.of()));
    await("partition given up").atMost(WAIT).until(() -> loop.ownedPartitions() == 0);
    pending.get("run-b").complete(succeeded("run-b"));

    // Then its request is reported ended too (the budget frees its place), and it is not routed
    await("run-b's request ended").atMost(WAIT).until(() -> ended.get() == 2);
    assertThat(admitted.get()).isEqualTo(2);
    assertThat(producer.history())
        .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
        .containsExactly("run-a");
  }
}
