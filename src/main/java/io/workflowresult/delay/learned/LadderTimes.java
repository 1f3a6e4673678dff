package io.workflowresult.delay.learned;

import java.util.Arrays;

/**
 * A workflow's run time at each level of the {@link Ladder}, in milliseconds, non-decreasing, and
 * how many samples they come from.
 */
public final class LadderTimes {
  private final long[] millis;
  private final long samples;

  public LadderTimes(long[] millis, long samples) {
    for (int i = 1; i < millis.length; i++) {
      if (millis[i] < millis[i - 1]) {
        throw new IllegalArgumentException(
            "ladder times must not decrease: " + Arrays.toString(millis));
      }
    }
    this.millis = millis.clone();
    this.samples = samples;
  }

  public int size() {
    return millis.length;
  }

  /** The run time at the {@code i}-th level. */
  public long at(int i) {
    return millis[i];
  }

  public long samples() {
    return samples;
  }

  @Override
  public String toString() {
    return Arrays.toString(millis) + " ms from " + samples + " samples";
  }
}
