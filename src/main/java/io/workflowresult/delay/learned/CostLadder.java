package io.workflowresult.delay.learned;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * The query times that cost least for a workflow's learned run times, where a run's cost is its API
 * calls, plus {@code perSecondLate} for every second its result comes after its end, plus {@code
 * perLateRun} when it comes more than {@code lateAfter} after its end. Found exactly for the
 * learned distribution by dynamic programming over its recorded values (a run is asked at the end
 * of one of them, or never before the next): the cost of the best next query after each, from the
 * last back to the run's start, queries at least {@code minGap} apart. So a workflow whose runs
 * take nearly the same time is asked once, late in its spread (a wait past its median costs
 * little), and one whose runs spread widely is asked earlier and more often (a single late query
 * would leave its early finishers waiting): calls go where they buy the most lateness, which one
 * ladder of quantiles for every workflow cannot do.
 *
 * <p>The prices trade calls against lateness for every workflow alike; README ("Learned polling")
 * says how the prices of {@link #of} were chosen. Time: O(n²) for n distinct recorded values (at
 * most a few hundred: the book's windows hold 200–400 samples).
 *
 * @param perSecondLate the cost of a second of lateness, in calls
 * @param perLateRun the cost of a result later than {@code lateAfter}, in calls
 * @param lateAfter lateness past which a result counts as late
 * @param minGap the least time between two queries of one run ({@code poll.min-gap})
 */
public record CostLadder(
    double perSecondLate, double perLateRun, Duration lateAfter, Duration minGap)
    implements LadderRule {

  /** The prices of {@link #of}, chosen by {@code LadderEvaluation}. */
  public static final double DEFAULT_PER_SECOND_LATE = 0.175;

  public static final double DEFAULT_PER_LATE_RUN = 0.5;
  public static final Duration DEFAULT_LATE_AFTER = Duration.ofSeconds(5);

  public CostLadder {
    if (!(perSecondLate >= 0) || !(perLateRun >= 0)) {
      throw new IllegalArgumentException("prices must be >= 0");
    }
    if (lateAfter.isNegative() || minGap.isNegative()) {
      throw new IllegalArgumentException("durations must be >= 0");
    }
  }

  /** The default prices, with the minimum gap of {@code poll.min-gap}. */
  public static CostLadder of(Duration minGap) {
    return new CostLadder(
        DEFAULT_PER_SECOND_LATE, DEFAULT_PER_LATE_RUN, DEFAULT_LATE_AFTER, minGap);
  }

  @Override
  public long[] times(AbstractHistogram runTimes) {
    Distribution d = Distribution.of(runTimes);
    int m = d.at.length;
    double[] cost = new double[m];
    int[] next = new int[m];
    long gap = minGap.toMillis();
    double[] doneTooEarly = d.doneBy(lateAfter.toMillis());
    for (int i = m - 2; i >= 0; i--) {
      double left = 1 - d.done[i];
      next[i] = m - 1;
      if (left <= 1e-12) {
        continue;
      }
      double best = Double.POSITIVE_INFINITY;
      for (int j = i + 1; j < m; j++) {
        if (d.at[j] - d.at[i] < gap && j < m - 1) {
          continue;
        }
        double found = d.done[j] - d.done[i];
        double secondsLate = (d.at[j] * found - (d.timeDone[j] - d.timeDone[i])) / 1000.0;
        double tooLate = Math.max(0, doneTooEarly[j] - d.done[i]);
        double c =
            1
                + (perSecondLate * secondsLate + perLateRun * tooLate) / left
                + (1 - d.done[j]) / left * cost[j];
        if (c < best) {
          best = c;
          next[i] = j;
        }
      }
      cost[i] = best;
    }
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < m - 1; ) {
      i = next[i];
      times.add(d.at[i]);
    }
    return times.stream().mapToLong(Long::longValue).toArray();
  }

  /**
   * The learned distribution on its recorded values: {@code at[0] = 0} (the run's start), then each
   * distinct value (the highest of its bucket: a query then finds every run of it done); {@code
   * done[k]} the share of runs done by {@code at[k]}, {@code timeDone[k]} the sum of their times
   * over all runs (for the mean lateness).
   */
  private record Distribution(long[] at, double[] done, double[] timeDone) {
    static Distribution of(AbstractHistogram h) {
      int values = 0;
      for (HistogramIterationValue ignored : h.recordedValues()) {
        values++;
      }
      double n = h.getTotalCount();
      long[] at = new long[values + 1];
      double[] done = new double[at.length];
      double[] timeDone = new double[at.length];
      int k = 0;
      for (HistogramIterationValue v : h.recordedValues()) {
        k++;
        long value = v.getValueIteratedTo();
        double share = v.getCountAtValueIteratedTo() / n;
        at[k] = h.highestEquivalentValue(value);
        done[k] = done[k - 1] + share;
        timeDone[k] = timeDone[k - 1] + share * h.medianEquivalentValue(value);
      }
      done[at.length - 1] = 1.0;
      return new Distribution(at, done, timeDone);
    }

    /** For each {@code at[j]}, the share of runs done {@code before} or more before it. */
    double[] doneBy(long before) {
      double[] shares = new double[at.length];
      int k = 0;
      for (int j = 0; j < at.length; j++) {
        while (k < at.length && at[k] <= at[j] - before) {
          k++;
        }
        shares[j] = k == 0 ? 0 : done[k - 1];
      }
      return shares;
    }
  }
}
