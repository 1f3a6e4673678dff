package io.workflowresult.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A process's CPU time sampled over wall-clock time, and the CPU spent between two instants
 * (linearly interpolated between the samples around each), so that the CPU of a steady-state window
 * can be told apart from the start-up before it.
 */
final class CpuSamples {
  private final List<long[]> samples = new ArrayList<>();

  /** Adds a sample: at {@code epochMs}, the process had used {@code cpuMs} of CPU in all. */
  synchronized void add(long epochMs, long cpuMs) {
    if (!samples.isEmpty() && epochMs < samples.get(samples.size() - 1)[0]) {
      throw new IllegalArgumentException("samples must come in time order");
    }
    samples.add(new long[] {epochMs, cpuMs});
  }

  /** The CPU used by {@code epochMs}, interpolated; before the first sample, the first sample. */
  synchronized double cpuMsAt(long epochMs) {
    if (samples.isEmpty()) {
      throw new IllegalStateException("no samples");
    }
    long[] previous = samples.get(0);
    if (epochMs <= previous[0]) {
      return previous[1];
    }
    for (long[] next : samples) {
      if (next[0] >= epochMs) {
        double span = next[0] - previous[0];
        double share = span == 0 ? 1 : (epochMs - previous[0]) / span;
        return previous[1] + share * (next[1] - previous[1]);
      }
      previous = next;
    }
    return previous[1];
  }

  /** CPU used between two instants. */
  double cpuMsBetween(long fromEpochMs, long toEpochMs) {
    return cpuMsAt(toEpochMs) - cpuMsAt(fromEpochMs);
  }

  /** CPU per run over a window in which {@code runs} runs were resolved. */
  static double perRun(double cpuMs, long runs) {
    if (runs <= 0) {
      throw new IllegalArgumentException("runs must be positive, got " + runs);
    }
    return cpuMs / runs;
  }
}
