package io.workflowresult.intake;

import io.workflowresult.deadletter.DeadLetterReason;
import io.workflowresult.deadletter.DeadLetters;
import io.workflowresult.delay.DelayRecord;
import io.workflowresult.delay.learned.DelayRecordSchedule;
import io.workflowresult.delay.learned.LearnedPollingMetrics;
import io.workflowresult.delay.learned.NextDue;
import io.workflowresult.delay.learned.QueryPlanner;
import io.workflowresult.kafka.PollLoopLife;
import io.workflowresult.kafka.RecordSource;
import io.workflowresult.kafka.RunHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Intake: reads the input topic (group {@code <app.id>-intake}), forwards every valid run ID to the
 * delay topic — keyed by run ID, attempt 0, due now (or, for an input hinting its workflow and
 * start, when the {@link QueryPlanner} expects the run done), headers copied plus {@code
 * run.source} and {@code run.first-seen} — and every invalid value to the dead-letter topic as
 * {@code INVALID_INPUT}. Each polled batch is sent, flushed and checked; then the offsets past
 * every acknowledged forward are committed. A partition whose forward failed is committed up to the
 * failed record and sought back to it, so the record is read again: nothing is skipped.
 *
 * <p>While its {@link IntakeThrottle} says so, every input partition is paused.
 */
public final class IntakeLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(IntakeLoop.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

  private final IntakeSettings settings;
  private final Consumer<byte[], byte[]> consumer;
  private final Producer<byte[], byte[]> producer;
  private final InputValidator validator = new InputValidator();
  private final IntakeThrottle throttle;
  private final IntakeMetrics metrics;
  private final QueryPlanner planner;
  private final LearnedPollingMetrics learnedMetrics;
  private final Clock clock;
  private final PollLoopLife life = new PollLoopLife("intake", log);
  private boolean paused;
  private long retryAfter;

  public IntakeLoop(
      IntakeSettings settings,
      Consumer<byte[], byte[]> consumer,
      Producer<byte[], byte[]> producer,
      IntakeThrottle throttle,
      IntakeMetrics metrics,
      QueryPlanner planner,
      LearnedPollingMetrics learnedMetrics,
      Clock clock) {
    this.settings = settings;
    this.consumer = consumer;
    this.producer = producer;
    this.throttle = throttle;
    this.metrics = metrics;
    this.planner = planner;
    this.learnedMetrics = learnedMetrics;
    this.clock = clock;
  }

  @Override
  public void run() {
    life.run(this::loop, consumer, producer);
  }

  private void loop() {
    consumer.subscribe(List.of(settings.inputTopic()), new Rebalancing());
    while (!life.stopRequested()) {
      applyThrottle();
      ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
      if (!records.isEmpty()) {
        forward(records);
      }
    }
  }

  /** Stops after the batch in hand is forwarded and committed; waits up to {@code timeout}. */
  public boolean close(Duration timeout) {
    return life.stop(timeout);
  }

  public boolean isRunning() {
    return life.isRunning();
  }

  public Optional<Throwable> failure() {
    return life.failure();
  }

  private void applyThrottle() {
    boolean want = throttle.shouldPause() || clock.millis() < retryAfter;
    if (want != paused) {
      if (want) {
        consumer.pause(consumer.assignment());
      } else {
        consumer.resume(consumer.assignment());
      }
      paused = want;
      log.debug("input partitions {}", want ? "paused" : "resumed");
    }
  }

  private record Sent(ConsumerRecord<byte[], byte[]> input, Future<RecordMetadata> ack) {}

  private void forward(ConsumerRecords<byte[], byte[]> records) {
    long now = clock.millis();
    List<Sent> sent = new ArrayList<>(records.count());
    for (ConsumerRecord<byte[], byte[]> rec : records) {
      sent.add(new Sent(rec, send(outputFor(rec, now), rec)));
    }
    producer.flush();
    Map<TopicPartition, Long> next = new HashMap<>();
    Map<TopicPartition, Long> failedAt = new HashMap<>();
    for (Sent s : sent) {
      TopicPartition tp = new TopicPartition(s.input().topic(), s.input().partition());
      if (failedAt.containsKey(tp)) {
        continue;
      }
      if (acknowledged(s)) {
        next.put(tp, s.input().offset() + 1);
      } else {
        failedAt.put(tp, s.input().offset());
      }
    }
    Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
    next.forEach((tp, o) -> commit.put(tp, new OffsetAndMetadata(o)));
    failedAt.forEach(
        (tp, o) -> {
          commit.remove(tp);
          consumer.seek(tp, o);
        });
    if (!failedAt.isEmpty()) {
      retryAfter = clock.millis() + RETRY_PAUSE.toMillis();
    }
    if (!commit.isEmpty()) {
      try {
        consumer.commitSync(commit);
      } catch (KafkaException e) {
        // the records were forwarded; reading them again only makes copies the resolver coalesces
        log.warn("committing input offsets {} failed: {}", commit, e.toString());
      }
    }
  }

  private ProducerRecord<byte[], byte[]> outputFor(ConsumerRecord<byte[], byte[]> rec, long now) {
    InputVerdict verdict = validator.validate(rec.value());
    RecordSource source = RecordSource.of(rec);
    RunHeaders headers = RunHeaders.fromInput(rec.headers()).source(source).firstSeen(now);
    if (verdict instanceof InputVerdict.Valid v) {
      metrics.intake(true);
      v.ignoredHints().forEach(learnedMetrics::hintIgnored);
      NextDue first = planner.firstDue(v.hints(), now);
      DelayRecord record = DelayRecordSchedule.takenIn(v.runId(), now, first);
      if (log.isDebugEnabled()) {
        log.debug(
            "run {} from {}: forwarded, due in {} ms ({}){}",
            v.runId(),
            source,
            first.dueAt() - now,
            first.kind().wireName(),
            v.ignoredHints().isEmpty()
                ? ""
                : ", hints ignored for their type: " + v.ignoredHints());
      }
      return new ProducerRecord<>(
          settings.delayTopic(),
          null,
          v.runId().getBytes(StandardCharsets.UTF_8),
          record.toJson(),
          headers.attempt(0).build());
    }
    String detail = ((InputVerdict.Invalid) verdict).detail();
    metrics.intake(false);
    metrics.deadLettered(DeadLetterReason.INVALID_INPUT);
    log.warn("invalid input at {}: {}: dead letter INVALID_INPUT", source, detail);
    return new ProducerRecord<>(
        settings.dlqTopic(),
        null,
        (byte[]) null,
        DeadLetters.invalidInput(rec.value(), detail, now).toJson(),
        headers.reason(DeadLetterReason.INVALID_INPUT.name()).build());
  }

  private Future<RecordMetadata> send(
      ProducerRecord<byte[], byte[]> out, ConsumerRecord<byte[], byte[]> in) {
    try {
      return producer.send(out);
    } catch (KafkaException | IllegalStateException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private boolean acknowledged(Sent s) {
    try {
      s.ack().get();
      return true;
    } catch (ExecutionException e) {
      log.warn(
          "forwarding input {} failed, reading it again: {}",
          RecordSource.of(s.input()),
          e.getCause().toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private final class Rebalancing implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (paused && !partitions.isEmpty()) {
        consumer.pause(partitions);
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // every batch is committed before the next poll: nothing is outstanding here
    }
  }
}
