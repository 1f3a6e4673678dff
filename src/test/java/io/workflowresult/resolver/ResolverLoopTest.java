package io.workflowresult.resolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.workflowresult.api.QueryOutcome;
import io.workflowresult.api.RateLimit;
import io.workflowresult.api.WorkflowApi;
import io.workflowresult.delay.DelayRecord;
import io.workflowresult.delay.PollSchedule;
import io.workflowresult.delay.learned.QueryPlanner;
import io.workflowresult.delay.learned.ScheduleSettings;
import io.workflowresult.resolver.politeness.Admission;
import io.workflowresult.resolver.politeness.Answers;
import io.workflowresult.resolver.politeness.InstanceGate;
import io.workflowresult.resolver.politeness.PoliteGate;
import io.workflowresult.resolver.politeness.QueryGate;
import io.workflowresult.resolver.politeness.RateLimitPacer;
import io.workflowresult.resolver.politeness.Ticket;
import io.workflowresult.testing.MutableClock;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * The poll loop against Kafka's mock clients, driven step by step on the test's thread with a clock
 * the test owns: what is only reachable by failing the broker. Time passes as it does for a real
 * consumer — an empty poll takes its timeout, a wait for events its maximum — so nothing waits in
 * real time.
 */
class ResolverLoopTest {
  private static final TopicPartition TP = new TopicPartition("delay", 0);
  private static final int MAX_STEPS = 10_000;

  private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T12:00:00Z"));
  private final ClockedConsumer consumer = new ClockedConsumer();
  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final Map<String, CompletableFuture<QueryOutcome>> pending = new LinkedHashMap<>();
  private int queries;
  private final Map<String, Long> askedAt = new HashMap<>();
  private final WorkflowApi api =
      runId -> {
        queries++;
        askedAt.putIfAbsent(runId, clock.millis());
        return pending.computeIfAbsent(runId, k -> new CompletableFuture<>());
      };
  private int admitted;
  private int ended;
  private final QueryGate countingGate =
      nowMs -> {
        admitted++;
        return Optional.of(
            new Ticket(
                Admission.OPEN,
                new Ticket.Ending() {
                  @Override
                  public boolean answered(QueryOutcome outcome, long answeredAtMs) {
                    ended++;
                    return false;
                  }

                  @Override
                  public void abandoned() {
                    ended++;
                  }
                }));
      };
  private QueryGate gate = countingGate;
  private final Gauges gauges = new Gauges();

  /** What the world does while the loop waits for events (in a revocation, say), in turn. */
  private final Queue<Runnable> whileWaiting = new ArrayDeque<>();

  /**
   * An event already there or made by the world now comes at once; else the wait takes its time.
   */
  private final LoopEvents.Wait waitOnTheTestClock =
      (events, maxMs) -> {
        if (events.isEmpty() && !whileWaiting.isEmpty()) {
          whileWaiting.poll().run();
        }
        LoopEvent event = events.poll();
        if (event == null) {
          clock.advance(Duration.ofMillis(maxMs));
        }
        return event;
      };

  private ResolverLoop loop;

  /**
   * A mock consumer whose empty polls take their timeout on the test's clock, like a real one's,
   * and that remembers every commit (the mock's own {@code committed} forgets unassigned
   * partitions).
   */
  final class ClockedConsumer extends MockConsumer<byte[], byte[]> {
    final Map<TopicPartition, Long> commits = new HashMap<>();
    final Map<TopicPartition, OffsetAndMetadata> lastCommits = new HashMap<>();

    ClockedConsumer() {
      super("earliest");
    }

    @Override
    public synchronized void commitAsync(
        Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
      offsets.forEach((tp, o) -> commits.put(tp, o.offset()));
      lastCommits.putAll(offsets);
      super.commitAsync(offsets, callback);
    }

    @Override
    public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
      ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
      if (records.isEmpty()) {
        clock.advance(timeout);
      }
      return records;
    }
  }

  /** What the loop reports. */
  final class Gauges implements ResolverMetrics {
    int waiting = -1;
    Duration sinceFirstQuery;
    long resolvedAt;

    @Override
    public void delayedWaiting(int count) {
      waiting = count;
    }

    @Override
    public void resolved(Duration sinceFirstQuery) {
      this.sinceFirstQuery = sinceFirstQuery;
      this.resolvedAt = clock.millis();
    }
  }

  private void start(int maxInFlight) {
    ResolverSettings settings =
        new ResolverSettings(
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
    PollSchedule schedule =
        new PollSchedule(Duration.ofSeconds(2), Duration.ofSeconds(60), 2.0, () -> 0.0);
    OutcomeRouter router =
        new OutcomeRouter(
            schedule,
            new QueryPlanner(
                new ScheduleSettings(
                    false,
                    Duration.ofSeconds(1),
                    Duration.ofHours(1),
                    Duration.ofHours(24),
                    Duration.ofHours(1)),
                (wf, version, measure, now) -> Optional.empty(),
                schedule,
                () -> 0.0),
            Duration.ofHours(24),
            2,
            10,
            Duration.ofSeconds(30));
    loop =
        new ResolverLoop(
            settings,
            consumer,
            producer,
            api,
            router,
            gate,
            gauges,
            ResultLearning.NONE,
            clock,
            waitOnTheTestClock);
    loop.subscribe();
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(TP));
          consumer.updateBeginningOffsets(Map.of(TP, 0L));
        });
    loop.step();
  }

  private void addDelayRecord(long offset, String runId, int attempt, long dueAt) {
    DelayRecord r = DelayRecord.fresh(runId, clock.millis()).next(attempt, dueAt, null, 0, 0);
    consumer.addRecord(
        new ConsumerRecord<>(
            "delay", 0, offset, runId.getBytes(StandardCharsets.UTF_8), r.toJson()));
  }

  /** Steps until {@code done} holds; fails naming {@code what} when it does not come. */
  private void stepUntil(String what, BooleanSupplier done) {
    for (int i = 0; i < MAX_STEPS; i++) {
      if (done.getAsBoolean()) {
        return;
      }
      loop.step();
    }
    fail("%s: not after %d steps (%s of loop time)", what, MAX_STEPS, clock.instant());
  }

  /** Steps through {@code span} of loop time, checking after every step that {@code holds}. */
  private void stepThrough(Duration span, String what, BooleanSupplier holds) {
    long end = clock.millis() + span.toMillis();
    stepWhile(() -> clock.millis() < end, what, holds);
  }

  /** Steps while {@code more}, checking after every step that {@code holds}. */
  private void stepWhile(BooleanSupplier more, String what, BooleanSupplier holds) {
    for (int i = 0; i < MAX_STEPS && more.getAsBoolean(); i++) {
      loop.step();
      assertThat(holds.getAsBoolean()).as("%s (at %s)", what, clock.instant()).isTrue();
    }
    assertThat(more.getAsBoolean()).as("%s: still going after %d steps", what, MAX_STEPS).isFalse();
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

  private long inFlight() {
    return pending.values().stream().filter(f -> !f.isDone()).count();
  }

  @Test
  void failedWriteNeverCompletesItsRecordAndIsResent() {
    start(4);
    addDelayRecord(0, "run-a", 0, clock.millis());
    stepUntil("query sent", () -> pending.containsKey("run-a"));
    pending.get("run-a").complete(succeeded("run-a"));
    stepUntil("result written", () -> producer.history().size() == 1);
    long failedAt = clock.millis();
    producer.errorNext(new TimeoutException("broker away"));

    stepWhile(
        () -> clock.millis() < failedAt + OutputSender.RESEND_DELAY_MS,
        "no resend before its time",
        () -> producer.history().size() == 1);
    assertThat(committed()).as("nothing committed while the write failed").isLessThan(1);

    stepUntil("resent", () -> producer.history().size() == 2);
    assertThat(producer.history().get(1).topic()).isEqualTo("results");
    assertThat(committed()).isLessThan(1);
    producer.completeNext();
    stepUntil("committed after the acknowledgement", () -> committed() == 1);
    assertThat(queries).as("the run is not asked again").isEqualTo(1);
  }

  @Test
  void commitsOnlyTheContiguousPrefixOfOutOfOrderCompletions() {
    start(4);
    addDelayRecord(0, "run-a", 0, clock.millis());
    addDelayRecord(1, "run-b", 0, clock.millis());
    stepUntil("both asked", () -> pending.size() == 2);
    pending.get("run-b").complete(succeeded("run-b"));
    stepUntil("b written", () -> producer.history().size() == 1);
    producer.completeNext();
    stepThrough(
        Duration.ofMillis(100), "b's acknowledgement applied, a not done", () -> committed() < 1);
    pending.get("run-a").complete(succeeded("run-a"));
    stepUntil("a written", () -> producer.history().size() == 2);
    producer.completeNext();
    stepUntil("both committed", () -> committed() == 2);
  }

  @Test
  void doesNotAskBeforeTheDueTimeAndNeverAboveTheLimit() {
    start(2);
    long due = clock.millis() + 10_000;
    for (int i = 0; i < 5; i++) {
      addDelayRecord(i, "run-" + i, 0, due);
    }
    stepUntil("records held", () -> gauges.waiting == 5);
    stepWhile(() -> clock.millis() < due, "nothing asked before due", () -> queries == 0);
    stepUntil("two asked", () -> queries == 2);
    stepThrough(Duration.ofMillis(150), "no third while two are in flight", () -> queries == 2);
    pending.values().forEach(f -> f.complete(succeeded("x")));
    stepUntil("the rest asked", () -> queries >= 4);
    assertThat(loop.inFlightHighWater()).isEqualTo(2);
    assertThat(inFlight()).isLessThanOrEqualTo(2);
  }

  @Test
  void redelaysToTheSamePartitionAndCoalescesADuplicate() {
    start(4);
    addDelayRecord(0, "run-a", 0, clock.millis());
    stepUntil("asked", () -> pending.containsKey("run-a"));
    addDelayRecord(1, "run-a", 0, clock.millis()); // a duplicate arrives while the run is asked
    loop.step();
    pending.get("run-a").complete(new QueryOutcome.NotYet("run-a", "RUNNING", 200, RateLimit.NONE));
    stepUntil("re-delayed", () -> producer.history().size() == 1);
    assertThat(producer.history().get(0).topic()).isEqualTo("delay");
    assertThat(producer.history().get(0).partition()).isEqualTo(0);
    DelayRecord next = DelayRecord.fromJson(producer.history().get(0).value()).orElseThrow();
    assertThat(next.attempt()).isEqualTo(1);
    assertThat(next.dueAt() - clock.millis()).isBetween(1_000L, 2_000L);
    producer.completeNext();
    stepUntil("original and duplicate complete", () -> committed() == 2);
    assertThat(queries).isEqualTo(1);
  }

  @Test
  void revocationWaitsForTheRequestInFlightThenCommits() {
    start(4);
    addDelayRecord(0, "run-a", 0, clock.millis());
    addDelayRecord(1, "run-b", 0, clock.millis() + 60_000); // waiting: dropped, not committed
    stepUntil("asked", () -> pending.containsKey("run-a"));
    stepUntil("run-b waiting", () -> gauges.waiting == 1);

    // When the partition is revoked, and run-a's answer and write come while the revocation waits
    consumer.schedulePollTask(() -> consumer.rebalance(List.of()));
    whileWaiting.add(() -> pending.get("run-a").complete(succeeded("run-a")));
    whileWaiting.add(
        () -> {
          assertThat(producer.history()).as("written during the revocation").hasSize(1);
          producer.completeNext();
        });
    loop.step();

    // Then the revocation committed the complete prefix and gave the partition up
    assertThat(whileWaiting).as("the revocation waited for the answer and its write").isEmpty();
    assertThat(committed()).as("committed up to the waiting run").isEqualTo(1);
    assertThat(consumer.assignment()).as("partition given up").isEmpty();
    stepUntil("partition given up: its waiting run dropped", () -> gauges.waiting == 0);
  }

  @Test
  void everyAdmittedRequestIsReportedEndedOnceEvenWhenItsPartitionMovedOn() {
    start(4);
    addDelayRecord(0, "run-a", 0, clock.millis());
    addDelayRecord(1, "run-b", 0, clock.millis());
    stepUntil("both asked", () -> pending.size() == 2);
    pending.get("run-a").complete(succeeded("run-a"));
    stepUntil("run-a's request ended", () -> ended == 1);

    // When the partition is revoked and run-b's answer comes only after it was given up
    consumer.schedulePollTask(() -> consumer.rebalance(List.of()));
    loop.step(); // the revocation waits its timeout for run-b, then gives the partition up
    assertThat(consumer.assignment()).as("partition given up").isEmpty();
    pending.get("run-b").complete(succeeded("run-b"));

    // Then its request is reported ended too (the budget frees its place), and it is not routed
    stepUntil("run-b's request ended", () -> ended == 2);
    assertThat(admitted).isEqualTo(2);
    assertThat(producer.history())
        .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
        .containsExactly("run-a");
  }

  @Test
  void timeToResultCountsFromTheFirstQueryWhenThatQueryResolvesTheRun() {
    start(4);
    addDelayRecord(0, "run-a", 0, clock.millis());
    stepUntil("query sent", () -> pending.containsKey("run-a"));

    // When the first answer, three seconds later, is the result
    clock.advance(Duration.ofSeconds(3));
    pending.get("run-a").complete(succeeded("run-a"));
    stepUntil("result written", () -> producer.history().size() == 1);
    producer.completeNext();
    stepUntil("result acknowledged", () -> gauges.sinceFirstQuery != null);

    // Then the time to result runs from that query to the acknowledged result
    assertThat(gauges.sinceFirstQuery)
        .isEqualTo(Duration.ofMillis(gauges.resolvedAt - askedAt.get("run-a")))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void aNewOwnerDoesNotAskAgainWhatCompletedBeyondTheLastCommit() {
    start(4);
    addDelayRecord(0, "run-a", 0, clock.millis());
    addDelayRecord(1, "run-b", 1, clock.millis() + 60_000); // waiting: holds the position at 1
    addDelayRecord(2, "run-c", 1, clock.millis());
    addDelayRecord(3, "run-d", 1, clock.millis());
    stepUntil("a, c and d asked", () -> pending.size() == 3);
    pending.forEach((id, answer) -> answer.complete(succeeded(id)));
    stepUntil("their results written", () -> producer.history().size() == 3);
    producer.completeNext();
    producer.completeNext();
    producer.completeNext();
    stepUntil("committed up to the waiting run", () -> committed() == 1);

    // When the partition moves away and comes back (a restart, a rebalance), its records read again
    consumer.schedulePollTask(() -> consumer.rebalance(List.of()));
    loop.step();
    consumer.schedulePollTask(() -> consumer.rebalance(List.of(TP)));
    loop.step();
    addDelayRecord(1, "run-b", 1, clock.millis() + 60_000);
    addDelayRecord(2, "run-c", 1, clock.millis());
    addDelayRecord(3, "run-d", 1, clock.millis());
    stepUntil("run-b held again", () -> gauges.waiting == 1);
    stepThrough(Duration.ofSeconds(2), "c and d are not asked again", () -> queries == 3);

    // Then only run-b is asked, when due, and the commit passes every record
    stepUntil("run-b asked", () -> queries == 4);
    pending.get("run-b").complete(succeeded("run-b"));
    stepUntil("run-b written", () -> producer.history().size() == 4);
    producer.completeNext();
    stepUntil("committed past every record", () -> committed() == 4);
    assertThat(queries).as("each run asked once").isEqualTo(4);
  }

  @Test
  void unreadableCommitMetadataLosesNoRun() {
    start(4);
    consumer.schedulePollTask(() -> consumer.rebalance(List.of()));
    loop.step();
    // the last commit of the partition carries metadata in this format, damaged
    consumer.commitSync(Map.of(TP, new OffsetAndMetadata(1, "wrp1:UgECAQAAAAA")));
    consumer.schedulePollTask(() -> consumer.rebalance(List.of(TP)));
    loop.step();
    addDelayRecord(1, "run-b", 1, clock.millis());
    addDelayRecord(2, "run-c", 1, clock.millis());

    stepUntil("both asked", () -> queries == 2);
    pending.forEach((id, answer) -> answer.complete(succeeded(id)));
    stepUntil("both written", () -> producer.history().size() == 2);
    producer.completeNext();
    producer.completeNext();
    stepUntil("committed past both", () -> committed() == 3);
  }

  // --- liveness: a run whose queries keep failing still ends, whatever the gate does ---

  private InstanceGate instanceGate;
  private long nextOffset;
  private int piped;

  /** A new run on the delay partition, written like the loop's own re-delays (see world). */
  private void submit(String runId) {
    DelayRecord r = DelayRecord.fresh(runId, clock.millis());
    producer.send(
        new org.apache.kafka.clients.producer.ProducerRecord<>(
            "delay", 0, runId.getBytes(StandardCharsets.UTF_8), r.toJson()));
  }

  /** The production gate (breaker, probes) on the test's clock. */
  private void politeGate() {
    instanceGate = new InstanceGate(Duration.ofSeconds(30), Duration.ofHours(1));
    gate =
        new PoliteGate(
            instanceGate,
            Optional.empty(),
            new RateLimitPacer(Duration.ofHours(1)),
            () -> clock.millis() * 1_000_000);
  }

  private static QueryOutcome failed(String runId) {
    return Answers.serverError(runId);
  }

  /**
   * What Kafka and the API do between two steps: every write is acknowledged, re-delays come back
   * on the delay partition, and every question is answered — a 503 when {@code failing} says so.
   */
  private void world(Predicate<String> failing) {
    while (producer.completeNext()) {
      // acknowledged
    }
    List<org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>> sent =
        producer.history();
    for (; piped < sent.size(); piped++) {
      var r = sent.get(piped);
      if (r.topic().equals("delay")) {
        // at the offset the producer acknowledged it with, as a broker would
        consumer.addRecord(new ConsumerRecord<>("delay", 0, nextOffset++, r.key(), r.value()));
      }
    }
    pending.forEach(
        (runId, answer) -> {
          if (!answer.isDone()) {
            answer.complete(failing.test(runId) ? failed(runId) : succeeded(runId));
          }
        });
    pending.values().removeIf(CompletableFuture::isDone);
  }

  private Map<String, String> outcomes() {
    Map<String, String> ended = new HashMap<>();
    for (var r : producer.history()) {
      String runId = new String(r.key(), StandardCharsets.UTF_8);
      if (r.topic().equals("results")) {
        ended.put(runId, "result");
      } else if (r.topic().equals("dlq")) {
        String value = new String(r.value(), StandardCharsets.UTF_8);
        ended.put(runId, value.contains("RETRIES_EXHAUSTED") ? "RETRIES_EXHAUSTED" : value);
      }
    }
    return ended;
  }

  /** As {@link #stepUntil}, with the world acting between steps, for up to an hour of loop time. */
  private void stepWorldUntil(String what, Predicate<String> failing, BooleanSupplier done) {
    long end = clock.millis() + Duration.ofHours(1).toMillis();
    while (clock.millis() < end) {
      world(failing);
      if (done.getAsBoolean()) {
        return;
      }
      loop.step();
    }
    fail(
        "%s: not within an hour of loop time (%d queries, outcomes %s)", what, queries, outcomes());
  }

  @Test
  void aRunThatFailsAloneEndsAsRetriesExhaustedInsteadOfClosingTheGate() {
    politeGate();
    start(4);
    long began = clock.millis();
    submit("broken");

    stepWorldUntil(
        "the broken run dead-lettered", id -> true, () -> outcomes().containsKey("broken"));

    assertThat(outcomes()).containsEntry("broken", "RETRIES_EXHAUSTED");
    assertThat(instanceGate.status().open())
        .as("one run failing on its own is no condition of the instance")
        .isTrue();
    assertThat(Duration.ofMillis(clock.millis() - began))
        .as("ten failures on the re-query schedule")
        .isLessThan(Duration.ofMinutes(10));
  }

  @Test
  void afterABurstTheRunThatKeepsFailingAsTheProbeEndsAndTheOthersResolve() {
    politeGate();
    start(4);
    Set<String> runs = new java.util.TreeSet<>();
    for (int i = 0; i < 12; i++) {
      runs.add("run-" + i);
      submit("run-" + i);
    }
    runs.add("broken");
    submit("broken");
    // Given: a burst of failures across many runs closes the gate
    stepWorldUntil("the breaker open", id -> true, () -> !instanceGate.status().open());
    long closed = clock.millis();

    // When: the API answers every run again but one, which keeps failing
    stepWorldUntil(
        "every run ended", "broken"::equals, () -> outcomes().keySet().containsAll(runs));

    // Then: the others have their results and the broken one is dead-lettered, in bounded time
    runs.stream()
        .filter(r -> !r.equals("broken"))
        .forEach(r -> assertThat(outcomes()).containsEntry(r, "result"));
    assertThat(outcomes()).containsEntry("broken", "RETRIES_EXHAUSTED");
    assertThat(Duration.ofMillis(clock.millis() - closed)).isLessThan(Duration.ofMinutes(15));
  }
}
