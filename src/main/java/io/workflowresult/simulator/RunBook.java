package io.workflowresult.simulator;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.LongAdder;

/**
 * The simulated world's memory of each run started or asked about: when its clock started (at its
 * start, or else at its first answered query), the workflow it was started for, when it was first
 * answered, how many requests named it in all (never reset, so its timeline and injected faults
 * stay reproducible), and how many since the last statistics reset. About a hundred bytes per run.
 */
final class RunBook {
  private final ConcurrentHashMap<String, RunState> runs = new ConcurrentHashMap<>();
  private final LongAdder runsSinceReset = new LongAdder();

  /** Counts a request for the run; returns its number among all requests for it (0 first). */
  int countRequest(String runId) {
    RunState state = runs.computeIfAbsent(runId, id -> new RunState());
    if (RunState.SINCE_RESET.getAndIncrement(state) == 0) {
      runsSinceReset.increment();
    }
    return RunState.REQUESTS.getAndIncrement(state);
  }

  /**
   * Starts the run at {@code now}, for {@code workflow} when given, unless its clock runs already
   * (a run's start and workflow never change once set); returns when its clock started.
   */
  long start(String runId, long now, Optional<Workflow> workflow) {
    RunState state = runs.computeIfAbsent(runId, id -> new RunState());
    synchronized (state) {
      if (state.clockStart == RunState.NOT_STARTED) {
        state.workflow = workflow.orElse(null);
        state.clockStart = now;
      }
      return state.clockStart;
    }
  }

  /**
   * Records an answered query at {@code now}: the first one starts the run's clock unless the run
   * was started before; returns when its clock started.
   */
  long startClock(String runId, long now) {
    RunState state = runs.computeIfAbsent(runId, id -> new RunState());
    synchronized (state) {
      if (state.firstQueryAt == RunState.NOT_STARTED) {
        state.firstQueryAt = now;
      }
      if (state.clockStart == RunState.NOT_STARTED) {
        state.clockStart = now;
      }
      return state.clockStart;
    }
  }

  /** When the run's clock started, or empty before its start and its first answered query. */
  OptionalLong clockStart(String runId) {
    RunState state = runs.get(runId);
    if (state == null || state.clockStart == RunState.NOT_STARTED) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(state.clockStart);
  }

  /** The workflow the run was started for, if it was started for one. */
  Optional<Workflow> workflow(String runId) {
    RunState state = runs.get(runId);
    return state == null ? Optional.empty() : Optional.ofNullable(state.workflow);
  }

  OptionalLong firstQueryAt(String runId) {
    RunState state = runs.get(runId);
    if (state == null || state.firstQueryAt == RunState.NOT_STARTED) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(state.firstQueryAt);
  }

  /** Requests that named the run since the last reset. */
  long requestsSinceReset(String runId) {
    RunState state = runs.get(runId);
    return state == null ? 0 : state.sinceReset;
  }

  /** Runs asked about since the last reset. */
  long runsSinceReset() {
    return runsSinceReset.sum();
  }

  /** Request counts since the last reset of every run asked about since then. */
  Map<String, Long> requestsByRunSinceReset() {
    Map<String, Long> counts = new TreeMap<>();
    runs.forEach(
        (id, state) -> {
          if (state.sinceReset > 0) {
            counts.put(id, (long) state.sinceReset);
          }
        });
    return counts;
  }

  void resetCounts() {
    runs.values().forEach(state -> state.sinceReset = 0);
    runsSinceReset.reset();
  }

  private static final class RunState {
    static final long NOT_STARTED = Long.MIN_VALUE;
    static final AtomicIntegerFieldUpdater<RunState> REQUESTS =
        AtomicIntegerFieldUpdater.newUpdater(RunState.class, "requests");
    static final AtomicIntegerFieldUpdater<RunState> SINCE_RESET =
        AtomicIntegerFieldUpdater.newUpdater(RunState.class, "sinceReset");

    volatile long clockStart = NOT_STARTED;
    volatile long firstQueryAt = NOT_STARTED;
    volatile Workflow workflow;
    volatile int requests;
    volatile int sinceReset;
  }
}
