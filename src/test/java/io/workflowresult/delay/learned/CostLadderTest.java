package io.workflowresult.delay.learned;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class CostLadderTest {
  private static final CostLadder PRICED = CostLadder.of(Duration.ofSeconds(1));

  /** {@code n} log-normal run times around {@code medianMs}. */
  private static Histogram runTimes(double medianMs, double sigma, int n) {
    Histogram h = new Histogram(SampleWindow.SIGNIFICANT_DIGITS);
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < n; i++) {
      h.recordValue(Math.round(medianMs * Math.exp(sigma * random.nextGaussian())));
    }
    return h;
  }

  @Test
  void runsThatAllTakeTheSameTimeAreAskedOnceAtTheirEnd() {
    Histogram same = new Histogram(SampleWindow.SIGNIFICANT_DIGITS);
    same.recordValueWithCount(5_000, 100);

    assertThat(PRICED.times(same)).containsExactly(same.highestEquivalentValue(5_000));
  }

  @Test
  void aNarrowWorkflowIsAskedLateInItsSpreadAWideOneEarlierAndMoreOften() {
    Histogram narrowTimes = runTimes(3_000, 0.05, 300);
    Histogram wideTimes = runTimes(15_000, 0.4, 300);
    long[] narrow = PRICED.times(narrowTimes);
    long[] wide = PRICED.times(wideTimes);

    assertThat(narrowTimes.getPercentileAtOrBelowValue(narrow[0]))
        .as("share of the narrow one's runs done at its first query")
        .isGreaterThan(95);
    assertThat(wideTimes.getPercentileAtOrBelowValue(wide[0]))
        .as("share of the wide one's runs done at its first query")
        .isLessThan(75);
    assertThat(wide.length).isGreaterThan(narrow.length);
  }

  @Test
  void queriesAreAtLeastTheMinimumGapApartAndIncrease() {
    long[] times = PRICED.times(runTimes(10_000, 0.3, 300));

    for (int i = 1; i < times.length; i++) {
      assertThat(times[i] - times[i - 1]).isGreaterThanOrEqualTo(1_000);
    }
  }

  @Test
  void aDearerSecondOfLatenessAsksSoonerAndMoreOften() {
    Histogram h = runTimes(10_000, 0.25, 300);
    CostLadder cheap = new CostLadder(0.05, 1, Duration.ofSeconds(5), Duration.ofSeconds(1));
    CostLadder dear = new CostLadder(0.5, 1, Duration.ofSeconds(5), Duration.ofSeconds(1));

    assertThat(dear.times(h)[0]).isLessThan(cheap.times(h)[0]);
    assertThat(dear.times(h).length).isGreaterThanOrEqualTo(cheap.times(h).length);
  }

  @Test
  void theLastQueryIsAtTheLongestRunLearned() {
    Histogram h = runTimes(10_000, 0.25, 300);
    long[] times = PRICED.times(h);

    assertThat(times[times.length - 1]).isEqualTo(h.highestEquivalentValue(h.getMaxValue()));
  }
}
