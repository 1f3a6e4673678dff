package io.workflowresult.ops;

import io.workflowresult.deadletter.DeadLetterReason;
import io.workflowresult.intake.IntakeMetrics;
import io.workflowresult.resolver.ResolverMetrics;
import java.time.Duration;

/**
 * The resolver's {@link ResolverMetrics} and intake's {@link IntakeMetrics}, bound to the service's
 * meters. Answers and requests in flight are counted by {@link MeteredWorkflowApi} around the API
 * client instead, so that every request is counted once whoever sends it.
 */
final class MicrometerResolverMetrics implements ResolverMetrics, IntakeMetrics {
  private final PipelineMeters meters;

  MicrometerResolverMetrics(PipelineMeters meters) {
    this.meters = meters;
  }

  @Override
  public void delayedWaiting(int count) {
    meters.delayWaiting(count);
  }

  @Override
  public void oldestWaitingAge(Duration age) {
    meters.oldestWaitingAge(age);
  }

  @Override
  public void deadLettered(DeadLetterReason reason) {
    meters.deadLetter(reason);
  }

  @Override
  public void resolved(Duration sinceFirstQuery) {
    meters.result(sinceFirstQuery);
  }

  @Override
  public void intake(boolean valid) {
    meters.intake(valid);
  }

  @Override
  public void coalesced(int count) {
    meters.coalesced(count);
  }

  @Override
  public void overdue(int count) {
    meters.delayOverdue(count);
  }

  @Override
  public void uncommittedOffsets(long count) {
    meters.uncommittedOffsets(count);
  }

  @Override
  public void requestsPerResolvedRun(double ratio) {
    meters.requestsPerResolvedRun(ratio);
  }
}
