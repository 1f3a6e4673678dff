package io.workflowresult.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void takesTheNearestRankOfUnsortedValues() {
    Percentiles p = Percentiles.of(new long[] {50, 10, 40, 20, 30});

    assertThat(p.at(50)).isEqualTo(30);
    assertThat(p.at(20)).isEqualTo(10);
    assertThat(p.at(21)).isEqualTo(20);
    assertThat(p.at(100)).isEqualTo(50);
  }

  @Test
  void p99OfAHundredValuesIsTheSecondLargest() {
    long[] values = new long[100];
    for (int i = 0; i < 100; i++) {
      values[i] = i + 1;
    }

    assertThat(Percentiles.of(values).at(99)).isEqualTo(99);
  }

  @Test
  void saysMinusOneWithoutValues() {
    assertThat(Percentiles.of(new long[0]).at(99)).isEqualTo(-1);
    assertThat(Percentiles.of(new long[0]).max()).isEqualTo(-1);
  }

  @Test
  void refusesAPercentileOutsideZeroToHundred() {
    assertThatThrownBy(() -> Percentiles.of(new long[] {1}).at(0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
