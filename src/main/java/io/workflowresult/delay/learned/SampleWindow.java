package io.workflowresult.delay.learned;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;

/**
 * The recent samples of one measure of one workflow, as two generations of an HdrHistogram: new
 * samples go to the current one; once it holds {@code generationSize} samples it becomes the
 * previous one (the one before is forgotten) and a new one starts. So the window holds the last
 * {@code generationSize} to {@code 2 × generationSize} samples, and a workflow whose runs change
 * speed is known by its new times after {@code 2 × generationSize} runs at the most. A generation
 * whose last sample is older than the horizon the caller passes counts no more.
 *
 * <p>HdrHistogram with two significant digits: quantiles within 1% of the true sample's value;
 * counts add exactly, so merging generations and instances loses nothing and does not depend on the
 * order of merging. Not thread-safe: {@link RunTimeBook} guards it.
 */
final class SampleWindow {
  static final int SIGNIFICANT_DIGITS = 2;

  /** Longest run time learned; longer samples are recorded as this. */
  static final long MAX_SAMPLE_MS = Duration.ofDays(7).toMillis();

  private final int generationSize;
  private Generation previous;
  private Generation current;

  SampleWindow(int generationSize) {
    this(generationSize, null, null);
  }

  private SampleWindow(int generationSize, Generation previous, Generation current) {
    if (generationSize < 1) {
      throw new IllegalArgumentException("generation size must be >= 1, got " + generationSize);
    }
    this.generationSize = generationSize;
    this.previous = previous;
    this.current = current;
  }

  /** One generation: its samples and when the last of them was taken. */
  record Generation(IntCountsHistogram histogram, long lastSampleAt) {
    long count() {
      return histogram.getTotalCount();
    }

    Generation copy() {
      return new Generation(histogram.copy(), lastSampleAt);
    }
  }

  /** A window holding these generations, oldest first (as {@link #generations()} lists them). */
  static SampleWindow of(int generationSize, List<Generation> generations) {
    if (generations.size() > 2) {
      throw new IllegalArgumentException("a window has at most two generations");
    }
    Generation older = generations.size() == 2 ? generations.get(0) : null;
    Generation newer = generations.isEmpty() ? null : generations.get(generations.size() - 1);
    return new SampleWindow(generationSize, older, newer);
  }

  /** A new, empty histogram of the kind generations hold. */
  static IntCountsHistogram newHistogram() {
    return new IntCountsHistogram(SIGNIFICANT_DIGITS);
  }

  void record(long valueMs, long nowMs) {
    if (current == null) {
      current = new Generation(newHistogram(), nowMs);
    }
    current.histogram().recordValue(Math.max(1, Math.min(valueMs, MAX_SAMPLE_MS)));
    current = new Generation(current.histogram(), Math.max(current.lastSampleAt(), nowMs));
    if (current.count() >= generationSize) {
      previous = current;
      current = null;
    }
  }

  /** Samples in the generations whose last sample is at or after {@code oldestAllowedMs}. */
  long count(long oldestAllowedMs) {
    long count = 0;
    for (Generation g : generations()) {
      if (g.lastSampleAt() >= oldestAllowedMs) {
        count += g.count();
      }
    }
    return count;
  }

  /** Adds the generations whose last sample is at or after {@code oldestAllowedMs}. */
  void addTo(Histogram target, long oldestAllowedMs) {
    for (Generation g : generations()) {
      if (g.lastSampleAt() >= oldestAllowedMs) {
        target.add(g.histogram());
      }
    }
  }

  /** When the last sample was taken; {@link Long#MIN_VALUE} when there is none. */
  long lastSampleAt() {
    long last = Long.MIN_VALUE;
    for (Generation g : generations()) {
      last = Math.max(last, g.lastSampleAt());
    }
    return last;
  }

  /** The generations that hold samples, oldest first. */
  List<Generation> generations() {
    List<Generation> out = new ArrayList<>(2);
    if (previous != null) {
      out.add(previous);
    }
    if (current != null) {
      out.add(current);
    }
    return out;
  }

  /** A copy that later samples do not change (for writing it out from another thread). */
  SampleWindow copy() {
    return new SampleWindow(
        generationSize,
        previous == null ? null : previous.copy(),
        current == null ? null : current.copy());
  }
}
