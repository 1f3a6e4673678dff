package io.workflowresult.resolver;

import io.workflowresult.api.QueryOutcome;
import io.workflowresult.api.RateLimit;
import io.workflowresult.api.WorkflowApi;
import io.workflowresult.deadletter.DeadLetter;
import io.workflowresult.deadletter.DeadLetterReason;
import io.workflowresult.deadletter.DeadLetters;
import io.workflowresult.delay.DelayBuffer;
import io.workflowresult.delay.DelayRecord;
import io.workflowresult.delay.PendingRun;
import io.workflowresult.intake.InputValidator;
import io.workflowresult.intake.InputVerdict;
import io.workflowresult.kafka.PollLoopLife;
import io.workflowresult.kafka.RecordSource;
import io.workflowresult.resolver.politeness.QueryGate;
import io.workflowresult.resolver.politeness.Ticket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resolver: owns delay-topic partitions (its own consumer group), holds their records until due
 * ({@link DelayBuffer}), queries due runs with at most {@code query.max-in-flight} requests in
 * flight ({@link InFlightLimiter}), routes each answer ({@link OutcomeRouter}) and commits, per
 * partition, only the offsets whose outputs are all acknowledged ({@link OffsetTracker}).
 *
 * <p>One thread — the one running {@link #run()} — owns the consumer and all state. Answers and
 * producer acknowledgements arrive on other threads and are handed over through a queue, applied
 * between polls. The poll thread never blocks on a permit: it dispatches only while one is free,
 * and otherwise waits in {@code poll} for at most {@link ResolverSettings#busyPoll()}. When nothing
 * is outstanding it waits in {@code poll} until the next due time (at most {@link
 * ResolverSettings#idlePoll()}), so waiting costs no CPU.
 */
public final class ResolverLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(ResolverLoop.class);
  private static final long RESEND_DELAY_MS = 1_000;
  private static final long GAUGE_INTERVAL_MS = 1_000;

  private final ResolverSettings settings;
  private final Consumer<byte[], byte[]> consumer;
  private final Producer<byte[], byte[]> producer;
  private final WorkflowApi api;
  private final OutcomeRouter router;
  private final QueryGate gate;
  private final ResolverMetrics metrics;
  private final Clock clock;
  private final OutputWriter writer;
  private final InFlightLimiter limiter;
  private final InputValidator keyValidator = new InputValidator();
  private final DelayBuffer buffer = new DelayBuffer();
  private final Map<TopicPartition, PartitionState> owned = new HashMap<>();
  private final LinkedBlockingQueue<LoopEvent> events = new LinkedBlockingQueue<>();
  private final List<Resend> resends = new ArrayList<>();
  private final PollLoopLife life = new PollLoopLife("the resolver", log);

  private volatile Duration shutdownTimeout;
  private volatile int heldSnapshot;
  private volatile int dueWaitingSnapshot;
  private volatile int ownedSnapshot;
  private boolean pausedAll;
  private int producing;
  private long nextCommitAt;
  private long nextGaugeAt;

  private record Resend(long atMs, LoopEvent.Produced failed) {}

  public ResolverLoop(
      ResolverSettings settings,
      Consumer<byte[], byte[]> consumer,
      Producer<byte[], byte[]> producer,
      WorkflowApi api,
      OutcomeRouter router,
      QueryGate gate,
      ResolverMetrics metrics,
      Clock clock) {
    this.settings = settings;
    this.consumer = consumer;
    this.producer = producer;
    this.api = api;
    this.router = router;
    this.gate = gate;
    this.metrics = metrics;
    this.clock = clock;
    this.writer = new OutputWriter(settings);
    this.limiter = new InFlightLimiter(settings.maxInFlight());
    this.shutdownTimeout = settings.shutdownTimeout();
  }

  @Override
  public void run() {
    life.run(this::loop, consumer, producer);
  }

  private void loop() {
    consumer.subscribe(List.of(settings.delayTopic()), new Rebalancing());
    while (!life.stopRequested()) {
      iterate();
    }
    drainForShutdown();
  }

  /**
   * Stops: no more fetching or new requests; waits up to {@code timeout} for requests in flight and
   * their outputs, commits what completed, closes the clients. Runs still waiting stay uncommitted
   * and are read again by the next owner.
   *
   * @return whether the loop finished within {@code timeout} plus a margin for closing the clients
   */
  public boolean close(Duration timeout) {
    shutdownTimeout = timeout;
    return life.stop(timeout);
  }

  /** Whether the loop is still running. */
  public boolean isRunning() {
    return life.isRunning();
  }

  /** Why the loop stopped on its own, if it did. */
  public Optional<Throwable> failure() {
    return life.failure();
  }

  /** Most requests ever in flight at once. */
  public int inFlightHighWater() {
    return limiter.highWater();
  }

  /** Records held in memory (waiting, parked, in flight), as of the last iteration. */
  public int held() {
    return heldSnapshot;
  }

  /** Delay partitions owned, as of the last iteration. */
  public int ownedPartitions() {
    return ownedSnapshot;
  }

  /**
   * Due runs left waiting (for a permit, the gate or the budget) after the last iteration's
   * dispatch, counted up to twice {@code query.max-in-flight} plus one.
   */
  public int dueRunsWaiting() {
    return dueWaitingSnapshot;
  }

  private void iterate() {
    long now = clock.millis();
    applyEvents();
    resendDue(now);
    dispatchDue(now);
    updatePauses(now);
    maybeCommit(now);
    report(now);
    ConsumerRecords<byte[], byte[]> records =
        consumer.poll(Duration.ofMillis(pollTimeoutMs(clock.millis())));
    take(records);
  }

  // --- intake of delay records ------------------------------------------------------------

  private void take(ConsumerRecords<byte[], byte[]> records) {
    for (ConsumerRecord<byte[], byte[]> rec : records) {
      TopicPartition tp = new TopicPartition(rec.topic(), rec.partition());
      PartitionState state = owned.get(tp);
      if (state == null) {
        continue;
      }
      state.offsets.register(rec.offset());
      Optional<DelayRecord> delayed = readDelayRecord(rec, tp);
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
      completeRedundant(buffer.offer(run));
    }
  }

  private Optional<DelayRecord> readDelayRecord(
      ConsumerRecord<byte[], byte[]> rec, TopicPartition tp) {
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

  // --- requests ---------------------------------------------------------------------------

  private void dispatchDue(long now) {
    while (limiter.hasFreePermit() && buffer.hasDue(now)) {
      Optional<Ticket> admitted = gate.tryAcquire(now);
      if (admitted.isEmpty()) {
        return;
      }
      Ticket ticket = admitted.get();
      PendingRun run = buffer.takeDue(now).orElseThrow();
      PartitionState owner = owned.get(run.partition());
      owner.outstanding++;
      log.debug(
          "run {} at {}: querying{}",
          run.runId(),
          run.source(),
          ticket.isProbe() ? " (probe)" : "");
      CompletableFuture<QueryOutcome> answer =
          limiter.tryCall(() -> api.query(run.runId()), e -> callFailed(run, e)).orElseThrow();
      answer.whenComplete(
          (outcome, error) ->
              events.add(
                  new LoopEvent.Answered(
                      run,
                      owner,
                      outcome != null ? outcome : callFailed(run, error),
                      ticket,
                      now)));
      if (ticket.isProbe()) {
        return;
      }
    }
  }

  private static QueryOutcome callFailed(PendingRun run, Throwable error) {
    return new QueryOutcome.Transient(
        run.runId(),
        QueryOutcome.TransientKind.IO_ERROR,
        Optional.empty(),
        "the API client failed: " + error,
        Optional.empty(),
        0,
        RateLimit.NONE);
  }

  // --- events from other threads ----------------------------------------------------------

  private void applyEvents() {
    LoopEvent event;
    while ((event = events.poll()) != null) {
      apply(event);
    }
  }

  private void apply(LoopEvent event) {
    if (event instanceof LoopEvent.Answered a) {
      answered(a);
    } else if (event instanceof LoopEvent.Produced p) {
      producing--;
      produced(p);
    }
  }

  private boolean isCurrent(PartitionState owner) {
    return owned.get(owner.partition) == owner;
  }

  private void answered(LoopEvent.Answered a) {
    if (!isCurrent(a.owner())) {
      a.ticket().abandoned();
      return; // the partition moved on; its new owner reads the record again
    }
    long now = clock.millis();
    QueryOutcome outcome = a.outcome();
    metrics.queried(outcome.kind());
    if (a.ticket().answered(outcome, now)) {
      a.owner().outstanding--;
      log.debug(
          "run {} at {}: {} is a condition of the instance; the run waits",
          a.run().runId(),
          a.run().source(),
          outcome.kind().label());
      completeRedundant(buffer.requeue(a.run(), now));
      return;
    }
    DelayRecord sent = a.run().record().queriedAt(a.sentAtMs());
    Route route = router.route(sent.heldUntil(a.sentAtMs(), sent.dueAt()), outcome, now);
    log.debug(
        "run {} at {}: {} (HTTP {}) → {}",
        a.run().runId(),
        a.run().source(),
        outcome.kind().label(),
        outcome.httpStatus(),
        route.kind());
    send(a.run(), a.owner(), route);
  }

  private void send(PendingRun run, PartitionState owner, Route route) {
    sendRecord(run, owner, route, writer.record(run, route));
  }

  private void sendRecord(
      PendingRun run, PartitionState owner, Route route, ProducerRecord<byte[], byte[]> record) {
    producing++;
    try {
      producer.send(
          record,
          (metadata, error) ->
              events.add(new LoopEvent.Produced(run, owner, route, record, metadata, error)));
    } catch (KafkaException | IllegalStateException e) {
      events.add(new LoopEvent.Produced(run, owner, route, record, null, e));
    }
  }

  private void produced(LoopEvent.Produced p) {
    if (!isCurrent(p.owner())) {
      return;
    }
    if (p.error() == null) {
      outputAcknowledged(p);
      return;
    }
    PendingRun run = p.run();
    if (p.error() instanceof RecordTooLargeException && p.route() instanceof Route.Publish pub) {
      log.warn(
          "run {} at {}: the result ({} bytes) is larger than the producer accepts: dead letter",
          run.runId(),
          run.source(),
          pub.runObject().length);
      DeadLetter letter =
          DeadLetters.forRun(
              DeadLetterReason.RESULT_TOO_LARGE,
              run.record(),
              "result of " + pub.runObject().length + " bytes exceeds the producer's limit",
              pub.status(),
              200,
              null,
              clock.millis());
      send(run, p.owner(), new Route.DeadLetterRoute(letter));
      return;
    }
    log.warn(
        "run {} at {}: writing to {} failed, retrying in {} ms: {}",
        run.runId(),
        run.source(),
        p.record().topic(),
        RESEND_DELAY_MS,
        p.error().toString());
    resends.add(new Resend(clock.millis() + RESEND_DELAY_MS, p));
  }

  private void outputAcknowledged(LoopEvent.Produced p) {
    PendingRun run = p.run();
    PartitionState owner = p.owner();
    owner.outstanding--;
    owner.offsets.complete(run.offset());
    long redelayOffset = -1;
    int redelayAttempt = 0;
    Route route = p.route();
    switch (route.kind()) {
      case REDELAY -> {
        redelayOffset = p.metadata().offset();
        redelayAttempt = ((Route.Redelay) route).next().attempt();
      }
      case PUBLISH -> {
        Long first = run.record().queriedAt(clock.millis()).firstQueriedAt();
        metrics.resolved(Duration.ofMillis(Math.max(0, clock.millis() - first)));
        log.debug(
            "run {} at {}: {} published",
            run.runId(),
            run.source(),
            ((Route.Publish) route).status());
      }
      case DEAD_LETTER -> {
        DeadLetter letter = ((Route.DeadLetterRoute) route).letter();
        metrics.deadLettered(letter.reason());
        log.warn(
            "run {} at {}: dead letter {} after {} queries: {}",
            run.runId(),
            run.source(),
            letter.reason(),
            letter.attempts(),
            letter.detail());
      }
    }
    completeRedundant(buffer.finished(run, redelayOffset, redelayAttempt));
  }

  private void completeRedundant(List<PendingRun> runs) {
    for (PendingRun r : runs) {
      PartitionState state = owned.get(r.partition());
      if (state != null) {
        state.offsets.complete(r.offset());
      }
      log.debug("run {} at {}: coalesced with another copy", r.runId(), r.source());
    }
    if (!runs.isEmpty()) {
      metrics.coalesced(runs.size());
    }
  }

  private void resendDue(long now) {
    for (Iterator<Resend> it = resends.iterator(); it.hasNext(); ) {
      Resend r = it.next();
      if (r.atMs() > now) {
        continue;
      }
      it.remove();
      LoopEvent.Produced f = r.failed();
      if (isCurrent(f.owner())) {
        sendRecord(f.run(), f.owner(), f.route(), f.record());
      }
    }
  }

  // --- flow control, commits, gauges ------------------------------------------------------

  private void updatePauses(long now) {
    // a closed gate pauses fetching only while a due run waits in memory to be its probe: with
    // none, the next due run must still be fetched, or the gate would never probe again
    boolean want =
        life.stopRequested()
            || (gate.closed() && buffer.hasDue(now))
            || buffer.held() + settings.maxPollRecords() > settings.maxBuffered();
    if (want != pausedAll) {
      if (want) {
        consumer.pause(consumer.assignment());
      } else {
        consumer.resume(consumer.assignment());
      }
      pausedAll = want;
      log.debug("delay partitions {}", want ? "paused" : "resumed");
    }
  }

  private long pollTimeoutMs(long now) {
    if (!events.isEmpty()) {
      return 0;
    }
    boolean busy = limiter.inFlight() > 0 || producing > 0 || !resends.isEmpty();
    long timeout = busy ? settings.busyPoll().toMillis() : settings.idlePoll().toMillis();
    OptionalLong due = buffer.nextDueAt();
    if (due.isPresent() && limiter.hasFreePermit()) {
      long untilDue = due.getAsLong() - now;
      if (untilDue <= 0) {
        untilDue = Math.max(1, gate.millisUntilAdmit(now)); // the gate holds due runs back
      }
      timeout = Math.min(timeout, untilDue);
    }
    return Math.max(0, timeout);
  }

  private void maybeCommit(long now) {
    if (now < nextCommitAt) {
      return;
    }
    nextCommitAt = now + settings.commitInterval().toMillis();
    Map<TopicPartition, OffsetAndMetadata> offsets = committable(owned.values());
    if (offsets.isEmpty()) {
      return;
    }
    consumer.commitAsync(
        offsets,
        (committed, error) -> {
          if (error instanceof RebalanceInProgressException) {
            log.debug("delay offsets not committed during a rebalance; retrying");
          } else if (error != null) {
            log.warn("committing delay offsets failed, retrying: {}", error.toString());
          }
          if (error != null) {
            committed.keySet().stream()
                .map(owned::get)
                .filter(s -> s != null)
                .forEach(s -> s.offsets.commitFailed());
          }
        });
  }

  private Map<TopicPartition, OffsetAndMetadata> committable(Collection<PartitionState> states) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (PartitionState s : states) {
      s.offsets
          .toCommit()
          .ifPresent(
              position -> {
                offsets.put(s.partition, new OffsetAndMetadata(position));
                s.offsets.committed(position);
              });
    }
    return offsets;
  }

  private void commitNow(Collection<PartitionState> states) {
    Map<TopicPartition, OffsetAndMetadata> offsets = committable(states);
    if (offsets.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(offsets);
      log.debug("committed {}", offsets);
    } catch (KafkaException e) {
      log.warn("committing delay offsets {} failed: {}", offsets, e.toString());
      states.forEach(s -> s.offsets.commitFailed());
    }
  }

  private void report(long now) {
    heldSnapshot = buffer.held();
    ownedSnapshot = owned.size();
    dueWaitingSnapshot = buffer.dueCount(now, 2 * settings.maxInFlight() + 1);
    if (now < nextGaugeAt) {
      return;
    }
    nextGaugeAt = now + GAUGE_INTERVAL_MS;
    metrics.inFlight(limiter.inFlight());
    metrics.delayedWaiting(buffer.waiting());
    OptionalLong oldest = buffer.oldestFirstSeenAt();
    metrics.oldestWaitingAge(
        Duration.ofMillis(oldest.isPresent() ? Math.max(0, now - oldest.getAsLong()) : 0));
    metrics.overdue(buffer.overdue(now));
    metrics.uncommittedOffsets(
        owned.values().stream().mapToLong(s -> s.offsets.completedUncommitted()).sum());
  }

  // --- rebalancing and shutdown -----------------------------------------------------------

  /** Waits (bounded) until the given partitions have nothing outstanding. */
  private void awaitOutstanding(Collection<PartitionState> states, long deadline) {
    while (states.stream().anyMatch(s -> s.outstanding > 0)) {
      long now = clock.millis();
      if (now >= deadline) {
        return;
      }
      resendDue(now);
      try {
        LoopEvent event = events.poll(Math.min(50, deadline - now), TimeUnit.MILLISECONDS);
        if (event != null) {
          apply(event);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void drainForShutdown() {
    int outstanding = owned.values().stream().mapToInt(s -> s.outstanding).sum();
    log.info(
        "resolver stopping: waiting up to {} for {} runs in flight", shutdownTimeout, outstanding);
    consumer.pause(consumer.assignment());
    pausedAll = true;
    buffer.clearWaiting();
    awaitOutstanding(List.copyOf(owned.values()), clock.millis() + shutdownTimeout.toMillis());
    commitNow(owned.values());
    int left = owned.values().stream().mapToInt(s -> s.outstanding).sum();
    if (left > 0) {
      log.warn("resolver stopped with {} runs still in flight: they will be queried again", left);
    }
  }

  private final class Rebalancing implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      for (TopicPartition tp : partitions) {
        owned.put(tp, new PartitionState(tp));
      }
      if (pausedAll && !partitions.isEmpty()) {
        consumer.pause(partitions);
      }
      if (!partitions.isEmpty()) {
        log.info("delay partitions assigned: {}", partitions);
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      List<PartitionState> states = new ArrayList<>();
      for (TopicPartition tp : partitions) {
        PartitionState s = owned.get(tp);
        if (s != null) {
          states.add(s);
          buffer.dropPartition(tp);
        }
      }
      if (states.isEmpty()) {
        return;
      }
      long wait = life.stopRequested() ? 0 : settings.revocationTimeout().toMillis();
      awaitOutstanding(states, clock.millis() + wait);
      commitNow(states);
      int left = states.stream().mapToInt(s -> s.outstanding).sum();
      for (PartitionState s : states) {
        owned.remove(s.partition);
      }
      if (left > 0) {
        log.warn(
            "delay partitions {} revoked with {} runs still in flight: the new owner queries them"
                + " again",
            partitions,
            left);
      } else {
        log.info("delay partitions revoked: {}", partitions);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      for (TopicPartition tp : partitions) {
        buffer.dropPartition(tp);
        owned.remove(tp);
      }
      log.warn("delay partitions lost: {}; their state dropped, nothing committed", partitions);
    }
  }
}
