package io.workflowresult.simulator;

import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated world's memory: when each run was first queried (its clock) and how many requests
 * named it. Never reset, so a run's timeline and its injected faults stay reproducible.
 */
final class RunBook {
  private final ConcurrentHashMap<String, RunState> runs = new ConcurrentHashMap<>();

  /** Counts a request for the run; returns its number (0 for the first). */
  int countRequest(String runId) {
    return runs.computeIfAbsent(runId, id -> new RunState()).requests.getAndIncrement();
  }

  /** Starts the run's clock at {@code now} unless it runs already; returns when it started. */
  long startClock(String runId, long now) {
    AtomicLong first = runs.computeIfAbsent(runId, id -> new RunState()).firstQueryAt;
    first.compareAndSet(RunState.NOT_STARTED, now);
    return first.get();
  }

  OptionalLong firstQueryAt(String runId) {
    RunState state = runs.get(runId);
    if (state == null || state.firstQueryAt.get() == RunState.NOT_STARTED) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(state.firstQueryAt.get());
  }

  private static final class RunState {
    static final long NOT_STARTED = Long.MIN_VALUE;
    final AtomicInteger requests = new AtomicInteger();
    final AtomicLong firstQueryAt = new AtomicLong(NOT_STARTED);
  }
}
