package io.workflowresult.simulator;

import io.workflowresult.config.Durations;
import java.time.Duration;

/**
 * A closed range of durations written {@code A..B}, or one duration (a range of one value).
 *
 * @param min the shortest duration
 * @param max the longest duration, not shorter than {@code min}
 */
public record DurationRange(Duration min, Duration max) {
  public DurationRange {
    if (min.isNegative() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("range " + min + ".." + max + " is empty or negative");
    }
  }

  /** A range of one value. */
  public static DurationRange of(Duration exactly) {
    return new DurationRange(exactly, exactly);
  }

  /** Parses {@code 0s..10s} or {@code 20ms}. */
  public static DurationRange parse(String text) {
    int dots = text.indexOf("..");
    if (dots < 0) {
      return of(Durations.require(text));
    }
    return new DurationRange(
        Durations.require(text.substring(0, dots)), Durations.require(text.substring(dots + 2)));
  }

  /** Picks a value in the range, in milliseconds, from a uniformly distributed hash. */
  long pickMillis(long hash) {
    long span = max.toMillis() - min.toMillis();
    if (span == 0) {
      return min.toMillis();
    }
    return min.toMillis() + Math.floorMod(hash, span + 1);
  }

  @Override
  public String toString() {
    return min.equals(max)
        ? min.toMillis() + "ms"
        : min.toMillis() + "ms.." + max.toMillis() + "ms";
  }
}
