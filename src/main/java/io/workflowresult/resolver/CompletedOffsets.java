package io.workflowresult.resolver;

import java.util.Arrays;

/**
 * Offsets of one partition known to be complete beyond its committed position, as sorted, disjoint,
 * non-adjacent ranges {@code [start, end)}. Immutable.
 */
final class CompletedOffsets {
  static final CompletedOffsets NONE = new CompletedOffsets(new long[0], new long[0], 0);

  private final long[] starts;
  private final long[] ends;
  private final int size;

  private CompletedOffsets(long[] starts, long[] ends, int size) {
    this.starts = starts;
    this.ends = ends;
    this.size = size;
  }

  static Builder builder() {
    return new Builder();
  }

  /** Whether {@code offset} is in one of the ranges. */
  boolean contains(long offset) {
    int i = Arrays.binarySearch(starts, 0, size, offset);
    if (i >= 0) {
      return true;
    }
    int before = -i - 2;
    return before >= 0 && offset < ends[before];
  }

  int ranges() {
    return size;
  }

  long start(int range) {
    return starts[range];
  }

  long end(int range) {
    return ends[range];
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** How many offsets the ranges hold. */
  long count() {
    long n = 0;
    for (int i = 0; i < size; i++) {
      n += ends[i] - starts[i];
    }
    return n;
  }

  /** The offsets at or after {@code from}. */
  CompletedOffsets from(long from) {
    Builder b = builder();
    for (int i = 0; i < size; i++) {
      if (ends[i] > from) {
        b.add(Math.max(from, starts[i]), ends[i]);
      }
    }
    return b.build();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CompletedOffsets other) || other.size != size) {
      return false;
    }
    return Arrays.equals(starts, 0, size, other.starts, 0, size)
        && Arrays.equals(ends, 0, size, other.ends, 0, size);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(Arrays.copyOf(starts, size))
        + Arrays.hashCode(Arrays.copyOf(ends, size));
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("[");
    for (int i = 0; i < size; i++) {
      s.append(i == 0 ? "" : ", ").append(starts[i]).append('-').append(ends[i] - 1);
    }
    return s.append(']').toString();
  }

  /** Collects ranges given in increasing order; touching ranges are merged. */
  static final class Builder {
    private long[] starts = new long[8];
    private long[] ends = new long[8];
    private int size;

    /**
     * Adds {@code [start, end)}, which must not begin before the end of the range added last.
     *
     * @throws IllegalArgumentException when it is empty or out of order
     */
    Builder add(long start, long end) {
      if (start < 0 || end <= start || (size > 0 && start < ends[size - 1])) {
        throw new IllegalArgumentException("range " + start + "-" + end + " out of order or empty");
      }
      if (size > 0 && start == ends[size - 1]) {
        ends[size - 1] = end;
        return this;
      }
      if (size == starts.length) {
        starts = Arrays.copyOf(starts, size * 2);
        ends = Arrays.copyOf(ends, size * 2);
      }
      starts[size] = start;
      ends[size] = end;
      size++;
      return this;
    }

    /** Adds every range of {@code more}, which must all lie after those added so far. */
    Builder addAll(CompletedOffsets more) {
      for (int i = 0; i < more.size; i++) {
        add(more.starts[i], more.ends[i]);
      }
      return this;
    }

    CompletedOffsets build() {
      return size == 0
          ? NONE
          : new CompletedOffsets(Arrays.copyOf(starts, size), Arrays.copyOf(ends, size), size);
    }
  }
}
