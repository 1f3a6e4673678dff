package io.workflowresult.delay.learned;

import static org.assertj.core.api.Assertions.assertThat;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class SampleWindowTest {

  private static Histogram merged(SampleWindow window, long oldestAllowed) {
    Histogram h = new Histogram(SampleWindow.SIGNIFICANT_DIGITS);
    window.addTo(h, oldestAllowed);
    return h;
  }

  @Test
  void holdsTheLastGenerationAndTheOneBeingFilled() {
    SampleWindow window = new SampleWindow(10);
    for (int i = 0; i < 10; i++) {
      window.record(1000, i);
    }
    for (int i = 0; i < 15; i++) {
      window.record(5000, 100 + i);
    }

    Histogram h = merged(window, 0);
    assertThat(h.getTotalCount()).isEqualTo(15);
    assertThat(h.getMinValue()).isBetween(4990L, 5000L);
  }

  @Test
  void forgetsTheOldGenerationWhenTheNewOneIsFull() {
    SampleWindow window = new SampleWindow(10);
    for (int i = 0; i < 15; i++) {
      window.record(1000, i);
    }
    long beforeFull = window.count(0);
    for (int i = 0; i < 5; i++) {
      window.record(5000, 100 + i);
    }

    Histogram h = merged(window, 0);
    assertThat(beforeFull).isEqualTo(15);
    assertThat(h.getTotalCount()).isEqualTo(10);
    assertThat(h.getValueAtPercentile(40)).isBetween(1000L, 1010L);
    assertThat(h.getValueAtPercentile(60)).isBetween(5000L, 5050L);
  }

  @Test
  void aGenerationPastTheHorizonCountsNoMore() {
    SampleWindow window = new SampleWindow(10);
    for (int i = 0; i < 10; i++) {
      window.record(1000, 1_000);
    }
    window.record(2000, 50_000);

    assertThat(window.count(10_000)).isEqualTo(1);
    assertThat(merged(window, 10_000).getMaxValue()).isBetween(2000L, 2010L);
  }

  @Test
  void quantilesAreWithinOnePercentOfTheSamples() {
    SampleWindow window = new SampleWindow(1000);
    for (int i = 1; i <= 1000; i++) {
      window.record(i * 37L, 0);
    }
    Histogram h = merged(window, 0);

    assertThat((double) h.getValueAtPercentile(80)).isBetween(800 * 37.0, 800 * 37.0 * 1.01);
  }

  @Test
  void aCopyIsNotChangedByLaterSamples() {
    SampleWindow window = new SampleWindow(100);
    window.record(1000, 0);
    SampleWindow copy = window.copy();
    window.record(2000, 1);

    assertThat(copy.count(0)).isEqualTo(1);
    assertThat(window.count(0)).isEqualTo(2);
  }
}
