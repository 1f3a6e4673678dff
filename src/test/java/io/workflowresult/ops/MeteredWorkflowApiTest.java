package io.workflowresult.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.workflowresult.api.QueryOutcome;
import io.workflowresult.api.RateLimit;
import io.workflowresult.api.WorkflowApi;
import io.workflowresult.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MeteredWorkflowApiTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final PipelineMeters meters = new PipelineMeters(registry, Clock.systemUTC());
  private final Map<String, CompletableFuture<QueryOutcome>> pending = new HashMap<>();
  private final WorkflowApi api =
      new MeteredWorkflowApi(
          runId -> pending.computeIfAbsent(runId, id -> new CompletableFuture<>()), meters);

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  private double queries(String outcome) {
    return registry.get(MetricNames.QUERIES).tag("outcome", outcome).counter().count();
  }

  @Test
  void countsRequestsInFlightUntilTheyAnswer() {
    api.query("a");
    api.query("b");
    assertThat(gauge(MetricNames.REQUESTS_IN_FLIGHT)).isEqualTo(2);

    pending.get("a").complete(new QueryOutcome.NotYet("a", "RUNNING", 200, RateLimit.NONE));
    assertThat(gauge(MetricNames.REQUESTS_IN_FLIGHT)).isEqualTo(1);
    assertThat(queries("not_yet")).isEqualTo(1);
  }

  @Test
  void timesEachRequestByOutcome() {
    MutableClock clock = new MutableClock(Instant.ofEpochSecond(1));
    WorkflowApi timed =
        new MeteredWorkflowApi(
            runId -> pending.computeIfAbsent(runId, id -> new CompletableFuture<>()),
            meters,
            clock::nanoTime);
    timed.query("a");
    clock.advance(Duration.ofMillis(40));
    pending.get("a").complete(new QueryOutcome.NotYet("a", "RUNNING", 200, RateLimit.NONE));

    Timer timer = registry.get(MetricNames.API_REQUEST_DURATION).tag("outcome", "not_yet").timer();
    assertThat(timer.count()).isEqualTo(1);
    assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40.0);
  }

  @Test
  void recordsTheRateLimitRemaining() {
    api.query("a");
    RateLimit limit =
        new RateLimit(OptionalLong.of(1000), OptionalLong.of(37), OptionalLong.empty());
    pending
        .get("a")
        .complete(
            new QueryOutcome.Transient(
                "a",
                QueryOutcome.TransientKind.THROTTLED,
                Optional.empty(),
                "429",
                Optional.empty(),
                429,
                limit));
    assertThat(gauge(MetricNames.RATE_LIMIT_REMAINING)).isEqualTo(37);
    assertThat(queries("transient")).isEqualTo(1);
  }
}
