package io.workflowresult.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of values. */
final class Percentiles {
  private final long[] sorted;

  private Percentiles(long[] sorted) {
    this.sorted = sorted;
  }

  static Percentiles of(long[] values) {
    long[] copy = values.clone();
    Arrays.sort(copy);
    return new Percentiles(copy);
  }

  int count() {
    return sorted.length;
  }

  /**
   * The smallest value with at least {@code p} percent of the values at or below it ({@code 0 < p
   * <= 100}); {@code -1} when there are no values.
   */
  long at(double p) {
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
    }
    if (sorted.length == 0) {
      return -1;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(rank, 1) - 1];
  }

  long max() {
    return sorted.length == 0 ? -1 : sorted[sorted.length - 1];
  }
}
