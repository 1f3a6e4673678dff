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
  private final ConcurrentHashMap<String, LongAdder> byRun = new ConcurrentHashMap<>();

  void requestStarted() {
    requests.increment();
    long now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
  }

  void runAsked(String runId) {
    byRun.computeIfAbsent(runId, id -> new LongAdder()).increment();
  }

  void requestFinished(int httpStatus, String runStatus) {
    inFlight.decrementAndGet();
    byStatus.computeIfAbsent(httpStatus, s -> new LongAdder()).increment();
    if (runStatus != null) {
      byRunStatus.computeIfAbsent(runStatus, s -> new LongAdder()).increment();
    }
  }

  /** Requests that named this run since the last reset. */
  long requestsFor(String runId) {
    LongAdder count = byRun.get(runId);
    return count == null ? 0 : count.sum();
  }

  /** Request counts of every run asked about since the last reset. */
  Map<String, Long> requestsByRun() {
    Map<String, Long> copy = new TreeMap<>();
    byRun.forEach((id, count) -> copy.put(id, count.sum()));
    return copy;
  }

  SimulatorStats snapshot() {
    return new SimulatorStats(
        requests.sum(),
        inFlight.get(),
        maxInFlight.get(),
        sums(byStatus),
        sums(byRunStatus),
        byRun.size());
  }

  /** Clears the counters; requests in flight stay counted as in flight. */
  void reset() {
    requests.reset();
    maxInFlight.set(inFlight.get());
    byStatus.clear();
    byRunStatus.clear();
    byRun.clear();
  }

  private static <K extends Comparable<K>> Map<K, Long> sums(Map<K, LongAdder> counters) {
    Map<K, Long> copy = new TreeMap<>();
    counters.forEach((key, count) -> copy.put(key, count.sum()));
    return copy;
  }
}
