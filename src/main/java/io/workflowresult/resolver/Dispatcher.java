package io.workflowresult.resolver;

import io.workflowresult.api.QueryOutcome;
import io.workflowresult.api.RateLimit;
import io.workflowresult.api.WorkflowApi;
import io.workflowresult.delay.DelayBuffer;
import io.workflowresult.delay.DelayRecord;
import io.workflowresult.delay.PendingRun;
import io.workflowresult.resolver.politeness.QueryGate;
import io.workflowresult.resolver.politeness.Ticket;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due runs to the API: while a permit of the {@link InFlightLimiter} is free and a run is
 * due, it takes a {@link Ticket} from the {@link QueryGate} (none: the gate holds due runs back)
 * and makes the call; the answer — or a {@code Transient} outcome when the call failed — comes back
 * as an {@link LoopEvent.Answered} with the ticket to end. A probe's ticket lets nothing else out
 * until it ends. Never blocks.
 */
final class Dispatcher {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  private final WorkflowApi api;
  private final QueryGate gate;
  private final InFlightLimiter limiter;
  private final DelayBuffer buffer;
  private final OwnedPartitions partitions;
  private final LoopEvents events;

  Dispatcher(
      WorkflowApi api,
      QueryGate gate,
      InFlightLimiter limiter,
      DelayBuffer buffer,
      OwnedPartitions partitions,
      LoopEvents events) {
    this.api = api;
    this.gate = gate;
    this.limiter = limiter;
    this.buffer = buffer;
    this.partitions = partitions;
    this.events = events;
  }

  /** Sends every run due by {@code nowMs} that a permit and the gate let out. */
  void dispatchDue(long nowMs) {
    while (limiter.hasFreePermit() && buffer.hasDue(nowMs)) {
      Optional<Ticket> admitted = gate.tryAcquire(nowMs);
      if (admitted.isEmpty()) {
        return;
      }
      Ticket ticket = admitted.get();
      PendingRun run = buffer.takeDue(nowMs).orElseThrow();
      PartitionState owner = partitions.get(run.partition());
      owner.outstanding++;
      DelayRecord sent = run.record().queriedAt(nowMs).heldUntil(nowMs, run.record().dueAt());
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
                      sent,
                      outcome != null ? outcome : callFailed(run, error),
                      ticket)));
      if (ticket.isProbe()) {
        return;
      }
    }
  }

  /**
   * How long the poll thread may wait before runs due now can go out: 0 when they can go now, at
   * least 1 ms while the gate holds them back.
   */
  long millisUntilDueCanGo(long nowMs, long dueAtMs) {
    long untilDue = dueAtMs - nowMs;
    return untilDue > 0 ? untilDue : Math.max(1, gate.millisUntilAdmit(nowMs));
  }

  /** Whether the gate wants every delay partition paused. */
  boolean gateClosed() {
    return gate.closed();
  }

  boolean hasFreePermit() {
    return limiter.hasFreePermit();
  }

  int inFlight() {
    return limiter.inFlight();
  }

  /** Most requests ever in flight at once. */
  int inFlightHighWater() {
    return limiter.highWater();
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
}
