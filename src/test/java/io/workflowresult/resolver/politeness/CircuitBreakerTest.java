package io.workflowresult.resolver.politeness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  private final CircuitBreaker breaker = new CircuitBreaker();

  @Test
  void oneRunFailingOverAndOverNeverTripsIt() {
    for (int i = 0; i < 3 * CircuitBreaker.WINDOW; i++) {
      assertThat(breaker.record(true, "broken")).as("failure %d of one run", i).isFalse();
    }
    assertThat(breaker.failingAcrossRuns()).isFalse();
  }

  @Test
  void twoRunsFailingAreNotYetTheApiFailing() {
    for (int i = 0; i < CircuitBreaker.WINDOW; i++) {
      assertThat(breaker.record(true, i % 2 == 0 ? "a" : "b")).isFalse();
    }
  }

  @Test
  void enoughFailuresFromThreeRunsTripIt() {
    boolean tripped = false;
    for (int i = 0; i < CircuitBreaker.MIN_FAILURES; i++) {
      tripped = breaker.record(true, "run-" + (i % CircuitBreaker.MIN_RUNS));
    }
    assertThat(tripped).isTrue();
  }

  @Test
  void resetForgetsTheFailures() {
    for (int i = 0; i < CircuitBreaker.MIN_FAILURES - 1; i++) {
      breaker.record(true, "run-" + i);
    }
    breaker.reset();
    assertThat(breaker.record(true, "another")).isFalse();
    assertThat(breaker.failingAcrossRuns()).isFalse();
  }
}
