package io.workflowresult.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counts API requests as they arrive and finish; cheap enough for every request. */
final class StatsRecorder {
  private final LongAdder requests = new LongAdder();
  private final AtomicLong inFlight = new AtomicLong();
  private final AtomicLong maxInFlight = new AtomicLong();
  private final ConcurrentHashMap<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, LongAdder> byRunStatus = new ConcurrentHashMap<>();

  void requestStarted() {
    requests.increment();
    long now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
  }

  void requestFinished(int httpStatus, String runStatus) {
    inFlight.decrementAndGet();
    byStatus.computeIfAbsent(httpStatus, s -> new LongAdder()).increment();
    if (runStatus != null) {
      byRunStatus.computeIfAbsent(runStatus, s -> new LongAdder()).increment();
    }
  }

  SimulatorStats snapshot(long distinctRuns) {
    return new SimulatorStats(
        requests.sum(),
        inFlight.get(),
        maxInFlight.get(),
        sums(byStatus),
        sums(byRunStatus),
        distinctRuns);
  }

  /** Clears the counters; requests in flight stay counted as in flight. */
  void reset() {
    requests.reset();
    maxInFlight.set(inFlight.get());
    byStatus.clear();
    byRunStatus.clear();
  }

  private static <K extends Comparable<K>> Map<K, Long> sums(Map<K, LongAdder> counters) {
    Map<K, Long> copy = new TreeMap<>();
    counters.forEach((key, count) -> copy.put(key, count.sum()));
    return copy;
  }
}
