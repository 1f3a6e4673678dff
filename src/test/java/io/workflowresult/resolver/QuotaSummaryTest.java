package io.workflowresult.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.api.QueryOutcome.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class QuotaSummaryTest {
  private long nanos;
  private double reported = -1;

  @Test
  void summarizesRequestsPerResolvedRunAndTimeToResultOncePerInterval() {
    ResolverMetrics sink =
        new ResolverMetrics() {
          @Override
          public void requestsPerResolvedRun(double ratio) {
            reported = ratio;
          }
        };
    QuotaSummary summary = new QuotaSummary(sink, Duration.ofMinutes(1), () -> nanos);
    for (int run = 1; run <= 100; run++) {
      summary.queried(Kind.NOT_YET);
      summary.queried(Kind.NOT_YET);
      summary.queried(Kind.TERMINAL);
      summary.resolved(Duration.ofMillis(run * 100L));
    }
    assertThat(reported).as("kept current").isEqualTo(3.0);

    nanos = Duration.ofMinutes(1).toNanos();
    summary.queried(Kind.TERMINAL);
    assertThat(reported).isEqualTo(301.0 / 100);

    summary.queried(Kind.NOT_YET);
    summary.queried(Kind.TERMINAL);
    summary.resolved(Duration.ofMillis(500));
    String line = summary.summarize();
    assertThat(line)
        .startsWith("quota: 2 requests, 1 runs resolved, 2.00 requests per resolved run")
        .contains("p50 0.5 s, p99 0.5 s")
        .contains("since start: 303 requests, 101 resolved, 3.00 per run");
  }

  @Test
  void percentilesOfTheInterval() {
    QuotaSummary summary = new QuotaSummary(ResolverMetrics.NOOP, Duration.ofMinutes(1), () -> 0);
    for (int run = 1; run <= 100; run++) {
      summary.queried(Kind.TERMINAL);
      summary.resolved(Duration.ofMillis(run * 100L));
    }
    assertThat(summary.summarize()).contains("p50 5.0 s, p99 9.9 s");
  }
}
