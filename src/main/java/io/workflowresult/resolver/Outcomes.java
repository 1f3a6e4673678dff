package io.workflowresult.resolver;

import io.workflowresult.api.QueryOutcome;
import io.workflowresult.deadletter.DeadLetter;
import io.workflowresult.delay.DelayBuffer;
import io.workflowresult.delay.PendingRun;
import io.workflowresult.resolver.politeness.InstanceGate;
import io.workflowresult.resolver.politeness.QueryGate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the poll thread does with the events of a run: an answer ends its ticket and is routed once
 * — a condition of the instance puts the run back to wait, anything else goes to the {@link
 * OutcomeRouter} and its output to the {@link OutputSender}; an acknowledged output completes the
 * run's offset and is counted, and a published result is learned from ({@link ResultLearning}).
 * Answers and acknowledgements for a partition that moved on are dropped: its new owner reads the
 * record again.
 */
final class Outcomes implements LoopEvent.Handler {
  private static final Logger log = LoggerFactory.getLogger(Outcomes.class);

  private final OutcomeRouter router;
  private final OutputSender sender;
  private final OwnedPartitions partitions;
  private final DelayBuffer buffer;
  private final ResolverMetrics metrics;
  private final QueryGate gate;
  private final ResultLearning learning;
  private final Clock clock;

  Outcomes(
      OutcomeRouter router,
      OutputSender sender,
      OwnedPartitions partitions,
      DelayBuffer buffer,
      ResolverMetrics metrics,
      QueryGate gate,
      ResultLearning learning,
      Clock clock) {
    this.router = router;
    this.sender = sender;
    this.partitions = partitions;
    this.buffer = buffer;
    this.metrics = metrics;
    this.gate = gate;
    this.learning = learning;
    this.clock = clock;
  }

  @Override
  public void answered(LoopEvent.Answered a) {
    if (!partitions.isCurrent(a.owner())) {
      a.ticket().abandoned();
      return;
    }
    long now = clock.millis();
    PendingRun run = a.run();
    QueryOutcome outcome = a.outcome();
    metrics.queried(outcome.kind());
    if (a.ticket().answered(outcome, now)) {
      a.owner().outstanding--;
      log.debug(
          "run {} at {}: {} is a condition of the instance; the run waits",
          run.runId(),
          run.source(),
          outcome.kind().label());
      completeRedundant(buffer.requeue(run, a.ticket().isProbe() ? nextProbe(now) : now));
      return;
    }
    Route route = router.route(a.sent(), outcome, now);
    log.debug(
        "run {} at {}: {} (HTTP {}) → {}",
        run.runId(),
        run.source(),
        outcome.kind().label(),
        outcome.httpStatus(),
        route.kind());
    sender.send(new Output(run, a.owner(), a.sent(), route));
  }

  /**
   * When a probe's run waits again: at the gate's next probe, behind every run that falls due
   * before it, so that the next probe is another run where there is one. Otherwise a run that fails
   * on its own would be due first each time, probe each time, and keep the gate closed.
   */
  private long nextProbe(long now) {
    InstanceGate.Status status = gate.status();
    return status.open() ? now : Math.max(now, status.probeAtMs());
  }

  @Override
  public void produced(LoopEvent.Produced p) {
    if (sender.acknowledged(p)) {
      written(p.output(), p.metadata());
    }
  }

  /** Records completed without a request: redundant copies of a run held or in flight. */
  void completeRedundant(List<PendingRun> runs) {
    for (PendingRun r : runs) {
      partitions.complete(r);
      log.debug("run {} at {}: coalesced with another copy", r.runId(), r.source());
    }
    if (!runs.isEmpty()) {
      metrics.coalesced(runs.size());
    }
  }

  private void written(Output output, RecordMetadata metadata) {
    PendingRun run = output.run();
    output.owner().outstanding--;
    output.owner().offsets.complete(run.offset());
    long redelayOffset = -1;
    int redelayAttempt = 0;
    Route route = output.route();
    switch (route.kind()) {
      case REDELAY -> {
        redelayOffset = metadata.offset();
        redelayAttempt = ((Route.Redelay) route).next().attempt();
      }
      case PUBLISH -> {
        long now = clock.millis();
        long first = output.sent().firstQueriedAt();
        metrics.resolved(Duration.ofMillis(Math.max(0, now - first)));
        learning.published(output.sent(), (Route.Publish) route, now);
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
}
