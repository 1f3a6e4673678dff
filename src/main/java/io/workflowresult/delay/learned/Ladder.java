package io.workflowresult.delay.learned;

import java.util.List;
import org.HdrHistogram.AbstractHistogram;

/**
 * The quantiles of a workflow's run time at which a run is asked, lowest first, the same for every
 * workflow: a run not finished at its start plus the first quantile is asked at the second, and so
 * on; past the last, the exponential schedule takes over. The simple rule {@link CostLadder} is
 * measured against (README, "Learned polling").
 *
 * @param levels strictly increasing, each in {@code (0, 1)}
 */
public record Ladder(List<Double> levels) implements LadderRule {
  /**
   * The best of the quantile ladders {@code LadderEvaluation} tried (README, "Learned polling").
   */
  public static final Ladder QUANTILES = of(0.75, 0.95, 0.99);

  public Ladder {
    levels = List.copyOf(levels);
    if (levels.isEmpty()) {
      throw new IllegalArgumentException("a ladder needs at least one level");
    }
    double below = 0;
    for (double level : levels) {
      if (!(level > below && level < 1)) {
        throw new IllegalArgumentException(
            "ladder levels must increase strictly within (0, 1), got " + levels);
      }
      below = level;
    }
  }

  public static Ladder of(double... levels) {
    return new Ladder(java.util.Arrays.stream(levels).boxed().toList());
  }

  public int size() {
    return levels.size();
  }

  public double level(int i) {
    return levels.get(i);
  }

  @Override
  public long[] times(AbstractHistogram runTimes) {
    long[] millis = new long[levels.size()];
    for (int i = 0; i < millis.length; i++) {
      millis[i] = runTimes.getValueAtPercentile(levels.get(i) * 100.0);
    }
    return millis;
  }
}
