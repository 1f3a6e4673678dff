package io.workflowresult.delay.learned;

import java.time.Duration;

/**
 * What learned polling reports; {@code ops} binds it to Micrometer. Every method has a no-op
 * default. Called from the resolver's and intake's threads: keep implementations cheap and
 * non-blocking.
 *
 * <p>Shown as {@code wrp_result_lateness_seconds} (histogram, tag {@code schedule}), {@code
 * wrp_results_by_schedule_total} (tag {@code schedule}), {@code wrp_learned_workflows} (gauge),
 * {@code wrp_intake_hints_ignored_total} (tag {@code field}) and {@code
 * wrp_run_stats_skipped_total} (README, "Metrics").
 */
public interface LearnedPollingMetrics {
  LearnedPollingMetrics NOOP = new LearnedPollingMetrics() {};

  /**
   * A result was published {@code lateness} after the run's {@code endTime} (zero or more; a result
   * published before its end, by clock skew, counts as zero).
   */
  default void lateness(ScheduleKind schedule, Duration lateness) {}

  /** A run's result was published after it was asked by this schedule. */
  default void resolvedBy(ScheduleKind schedule) {}

  /** Workflow versions whose run times are known now (own or the others'). */
  default void workflowsTracked(int count) {}

  /** An input's hint had the wrong type and was ignored ({@code workflowId}, {@code startTime}). */
  default void hintIgnored(String field) {}

  /** A damaged record of {@code topics.run-stats} was skipped. */
  default void runStatsSkipped() {}
}
