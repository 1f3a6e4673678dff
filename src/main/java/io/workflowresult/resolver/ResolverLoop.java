package io.workflowresult.resolver;

import io.workflowresult.api.WorkflowApi;
import io.workflowresult.delay.DelayBuffer;
import io.workflowresult.kafka.PollLoopLife;
import io.workflowresult.resolver.politeness.QueryGate;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resolver: owns delay-topic partitions ({@link OwnedPartitions}), holds their records until
 * due ({@link DelayBuffer}), sends due runs with at most {@code query.max-in-flight} requests in
 * flight ({@link Dispatcher}), routes each answer once ({@link Outcomes}), writes its output
 * ({@link OutputSender}) and commits, per partition, only the offsets whose outputs are all
 * acknowledged ({@link OffsetTracker}).
 *
 * <p>One thread — the one running {@link #run()} — owns the consumer and all state, and repeats
 * {@link #step()}. Answers and acknowledgements arrive on other threads and are handed over through
 * {@link LoopEvents}, applied between polls. The poll thread never blocks on a permit: it
 * dispatches only while one is free, and otherwise waits in {@code poll} for at most {@link
 * ResolverSettings#busyPoll()} (1 ms while due runs wait for a permit, so that a permit an answer
 * frees goes to the next due run at once). When nothing is outstanding it waits in {@code poll}
 * until the next due time (at most {@link ResolverSettings#idlePoll()}), so waiting costs no CPU.
 */
public final class ResolverLoop implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(ResolverLoop.class);

  /** Longest poll while due runs wait for a permit (every permit in use). */
  static final long PERMIT_WAIT_POLL_MS = 1;

  private final ResolverSettings settings;
  private final Consumer<byte[], byte[]> consumer;
  private final Producer<byte[], byte[]> producer;
  private final Clock clock;
  private final DelayBuffer buffer = new DelayBuffer();
  private final PollLoopLife life = new PollLoopLife("the resolver", log);
  private final LoopEvents events;
  private final OwnedPartitions partitions;
  private final Dispatcher dispatcher;
  private final OutputSender sender;
  private final Outcomes outcomes;
  private final LoopGauges gauges;
  private final DelayRecordReader reader;
  private volatile Duration shutdownTimeout;

  public ResolverLoop(
      ResolverSettings settings,
      Consumer<byte[], byte[]> consumer,
      Producer<byte[], byte[]> producer,
      WorkflowApi api,
      OutcomeRouter router,
      QueryGate gate,
      ResolverMetrics metrics,
      ResultLearning learning,
      Clock clock) {
    this(
        settings,
        consumer,
        producer,
        api,
        router,
        gate,
        metrics,
        learning,
        clock,
        LoopEvents.Wait.REAL_TIME);
  }

  /** With the wait for events of a test, which moves its clock instead of waiting. */
  ResolverLoop(
      ResolverSettings settings,
      Consumer<byte[], byte[]> consumer,
      Producer<byte[], byte[]> producer,
      WorkflowApi api,
      OutcomeRouter router,
      QueryGate gate,
      ResolverMetrics metrics,
      ResultLearning learning,
      Clock clock,
      LoopEvents.Wait wait) {
    this.settings = settings;
    this.consumer = consumer;
    this.producer = producer;
    this.clock = clock;
    this.shutdownTimeout = settings.shutdownTimeout();
    this.events = new LoopEvents(wait, clock);
    this.partitions =
        new OwnedPartitions(
            consumer,
            buffer,
            settings.commitInterval(),
            settings.revocationTimeout(),
            this::awaitOutstanding,
            life::stopRequested,
            clock);
    InFlightLimiter limiter = new InFlightLimiter(settings.maxInFlight());
    this.dispatcher = new Dispatcher(api, gate, limiter, buffer, partitions, events);
    OutputWriter writer = new OutputWriter(settings);
    this.sender = new OutputSender(producer, writer, router, partitions, events, clock);
    this.outcomes =
        new Outcomes(router, sender, partitions, buffer, metrics, gate, learning, clock);
    this.gauges = new LoopGauges(metrics, buffer, partitions, 2 * settings.maxInFlight() + 1);
    this.reader = new DelayRecordReader(partitions, buffer, outcomes, clock);
  }

  @Override
  public void run() {
    life.run(
        () -> {
          subscribe();
          while (!life.stopRequested()) {
            step();
          }
          stop();
        },
        consumer,
        producer);
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
    return dispatcher.inFlightHighWater();
  }

  /**
   * Due runs left waiting (for a permit, the gate or the budget) after the last step's dispatch,
   * counted up to twice {@code query.max-in-flight} plus one. Any thread.
   */
  public int dueRunsWaiting() {
    return gauges.dueRunsWaiting();
  }

  void subscribe() {
    consumer.subscribe(List.of(settings.delayTopic()), partitions.listener());
  }

  /** One turn of the loop: events applied, outputs resent, due runs sent, then one poll. */
  void step() {
    long now = clock.millis();
    events.drain(outcomes);
    sender.resendDue(now);
    dispatcher.dispatchDue(now);
    // a closed gate pauses fetching only while a due run waits in memory to be its probe: with
    // none, the next due run must still be fetched, or the gate would never probe again
    partitions.pauseAll(
        life.stopRequested()
            || (dispatcher.gateClosed() && buffer.hasDue(now))
            || buffer.held() + settings.maxPollRecords() > settings.maxBuffered());
    partitions.maybeCommit(now);
    gauges.report(now);
    reader.take(consumer.poll(Duration.ofMillis(pollTimeoutMs(clock.millis()))));
  }

  private void stop() {
    log.info(
        "resolver stopping: waiting up to {} for {} runs in flight",
        shutdownTimeout,
        partitions.outstanding());
    int left = partitions.settleForShutdown(shutdownTimeout);
    if (left > 0) {
      log.warn("resolver stopped with {} runs still in flight: they will be queried again", left);
    }
  }

  private long pollTimeoutMs(long now) {
    if (!events.isEmpty()) {
      return 0;
    }
    boolean busy = dispatcher.inFlight() > 0 || sender.busy();
    long timeout = busy ? settings.busyPoll().toMillis() : settings.idlePoll().toMillis();
    if (!dispatcher.hasFreePermit() && buffer.hasDue(now)) {
      // due runs wait for a permit, which an answer frees at any moment: look again soon, or the
      // permit would idle for the rest of the poll (at 64 x 50 ms, 10 ms of idling is 1/6 of it)
      timeout = Math.min(timeout, PERMIT_WAIT_POLL_MS);
    }
    OptionalLong due = buffer.nextDueAt();
    if (due.isPresent() && dispatcher.hasFreePermit()) {
      timeout = Math.min(timeout, dispatcher.millisUntilDueCanGo(now, due.getAsLong()));
    }
    return Math.max(0, timeout);
  }

  /** Applies events (and resends) until the given partitions have nothing outstanding. */
  private void awaitOutstanding(Collection<PartitionState> states, long deadlineMs) {
    events.awaitUntil(
        () -> states.stream().noneMatch(s -> s.outstanding > 0),
        deadlineMs,
        sender::resendDue,
        outcomes);
  }
}
