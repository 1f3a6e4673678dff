package io.workflowresult.intake;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Intake's throttle: new input waits while the delay topic's unfetched backlog is above {@code
 * delay.max-backlog}, and while the local resolver has due runs waiting for a permit, the gate or
 * the budget. Due re-queries so get permits and budget before new runs are taken in.
 */
public final class DueWorkFirst implements IntakeThrottle {
  private final LongSupplier unfetchedBacklog;
  private final long maxBacklog;
  private final BooleanSupplier dueRunsWaiting;

  /**
   * @param unfetchedBacklog delayed runs not yet fetched by the resolver group
   * @param maxBacklog {@code delay.max-backlog}
   * @param dueRunsWaiting whether the resolver in this process has due runs it cannot send yet
   *     ({@code () -> false} when the resolver runs elsewhere)
   */
  public DueWorkFirst(
      LongSupplier unfetchedBacklog, long maxBacklog, BooleanSupplier dueRunsWaiting) {
    this.unfetchedBacklog = unfetchedBacklog;
    this.maxBacklog = maxBacklog;
    this.dueRunsWaiting = dueRunsWaiting;
  }

  @Override
  public boolean shouldPause() {
    return dueRunsWaiting.getAsBoolean() || unfetchedBacklog.getAsLong() > maxBacklog;
  }
}
