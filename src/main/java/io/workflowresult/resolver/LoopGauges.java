package io.workflowresult.resolver;

import io.workflowresult.delay.DelayBuffer;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * What the resolver reports of its state: the gauges of {@link ResolverMetrics}, once per {@value
 * #INTERVAL_MS} ms, and — at most once per {@value #DUE_INTERVAL_MS} ms, for intake's throttle on
 * another thread (which looks once per poll) — how many due runs wait for a permit, the gate or the
 * budget. Counting is a scan of the buffer, and the loop steps up to thousands of times a second.
 */
final class LoopGauges {
  private static final long INTERVAL_MS = 1_000;
  private static final long DUE_INTERVAL_MS = 10;

  private final ResolverMetrics metrics;
  private final DelayBuffer buffer;
  private final OwnedPartitions partitions;
  private final int dueWaitingCap;
  private volatile int dueWaiting;
  private long nextAt;
  private long nextDueAt;

  /**
   * @param dueWaitingCap due runs are counted up to this many (counting is a scan)
   */
  LoopGauges(
      ResolverMetrics metrics, DelayBuffer buffer, OwnedPartitions partitions, int dueWaitingCap) {
    this.metrics = metrics;
    this.buffer = buffer;
    this.partitions = partitions;
    this.dueWaitingCap = dueWaitingCap;
  }

  void report(long nowMs) {
    if (nowMs >= nextDueAt) {
      nextDueAt = nowMs + DUE_INTERVAL_MS;
      dueWaiting = buffer.dueCount(nowMs, dueWaitingCap);
    }
    if (nowMs < nextAt) {
      return;
    }
    nextAt = nowMs + INTERVAL_MS;
    metrics.delayedWaiting(buffer.waiting());
    OptionalLong oldest = buffer.oldestFirstSeenAt();
    metrics.oldestWaitingAge(
        Duration.ofMillis(oldest.isPresent() ? Math.max(0, nowMs - oldest.getAsLong()) : 0));
    metrics.overdue(buffer.overdue(nowMs));
    metrics.uncommittedOffsets(partitions.completedUncommitted());
  }

  /** Due runs left waiting after the last step, counted up to the cap; any thread. */
  int dueRunsWaiting() {
    return dueWaiting;
  }
}
