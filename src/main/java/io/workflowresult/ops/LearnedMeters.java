package io.workflowresult.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.workflowresult.delay.learned.LearnedPollingMetrics;
import io.workflowresult.delay.learned.ScheduleKind;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The learned schedule's meters ({@link LearnedPollingMetrics} bound to Micrometer): lateness of
 * published results and results by schedule ({@code fixed}, {@code learned}, {@code hinted}, each
 * shown from 0), workflow versions tracked, input hints ignored for their type, damaged run-stats
 * records skipped. Thread-safe.
 */
final class LearnedMeters implements LearnedPollingMetrics {
  /** Hint fields as label values ({@code field}), lower case. */
  private static final Map<String, String> HINT_FIELDS =
      Map.of("workflowId", "workflow_id", "startTime", "start_time");

  /** Buckets of the lateness: from a result found at its end to one found minutes late. */
  private static final Duration[] BUCKETS =
      Stream.of(
              100, 250, 500, 1_000, 2_000, 3_000, 4_000, 6_000, 8_000, 12_000, 16_000, 30_000,
              60_000, 300_000)
          .map(Duration::ofMillis)
          .toArray(Duration[]::new);

  private final Map<ScheduleKind, Timer> lateness = new EnumMap<>(ScheduleKind.class);
  private final Map<ScheduleKind, Counter> resolved = new EnumMap<>(ScheduleKind.class);
  private final Map<String, Counter> hintsIgnored;
  private final AtomicLong workflows = new AtomicLong();
  private final Counter runStatsSkipped;

  LearnedMeters(MeterRegistry registry) {
    for (ScheduleKind kind : ScheduleKind.values()) {
      lateness.put(
          kind,
          Timer.builder(MetricNames.RESULT_LATENESS)
              .description(
                  "result published minus the run's endTime, by the schedule it was asked by")
              .tag("schedule", kind.wireName())
              .serviceLevelObjectives(BUCKETS)
              .register(registry));
      resolved.put(
          kind,
          Counter.builder(MetricNames.RESULTS_BY_SCHEDULE)
              .description("results published, by the schedule the run was asked by")
              .tag("schedule", kind.wireName())
              .register(registry));
    }
    Map<String, Counter> ignored = new java.util.HashMap<>();
    HINT_FIELDS.forEach(
        (field, label) ->
            ignored.put(
                field,
                Counter.builder(MetricNames.INPUT_HINTS_IGNORED)
                    .description("input hints ignored for their type")
                    .tag("field", label)
                    .register(registry)));
    hintsIgnored = Map.copyOf(ignored);
    Gauge.builder(MetricNames.LEARNED_WORKFLOWS, workflows, AtomicLong::get)
        .description("workflow versions whose run times are known (own or other instances')")
        .register(registry);
    runStatsSkipped =
        Counter.builder(MetricNames.RUN_STATS_SKIPPED)
            .description("damaged records of topics.run-stats skipped")
            .register(registry);
  }

  @Override
  public void lateness(ScheduleKind schedule, Duration late) {
    lateness.get(schedule).record(late.isNegative() ? Duration.ZERO : late);
  }

  @Override
  public void resolvedBy(ScheduleKind schedule) {
    resolved.get(schedule).increment();
  }

  @Override
  public void workflowsTracked(int count) {
    workflows.set(count);
  }

  @Override
  public void hintIgnored(String field) {
    Counter counter = hintsIgnored.get(field);
    if (counter != null) {
      counter.increment();
    }
  }

  @Override
  public void runStatsSkipped() {
    runStatsSkipped.increment();
  }
}
