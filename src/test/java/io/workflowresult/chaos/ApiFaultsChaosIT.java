package io.workflowresult.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.simulator.ConnectionFaults;
import io.workflowresult.simulator.DurationRange;
import io.workflowresult.simulator.LoggedRequest;
import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.testing.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scenario 4: the API fails 30% of requests with 500/503, throttles 10% with 429 and {@code
 * Retry-After}, holds 5% of its answers past {@code api.timeout} and cuts 5% mid-body. No request
 * arrives before an announced {@code Retry-After} has passed, every run's requests stay bounded,
 * and nothing is lost. With this many failures the instance gate is closed much of the time (the
 * breaker opens at 10 failures of the last 20 answers and probes), which sets the pace: about 200
 * runs a minute here, so the whole suite's version has 1,000 runs.
 */
class ApiFaultsChaosIT {
  private static final Duration RETRY_AFTER = Duration.ofSeconds(3);

  /**
   * After a 429 answered at t, a request that arrives before t + this was already on its way (sent
   * before the resolver read the 429), not a violation.
   */
  private static final long ON_ITS_WAY_MS = 1_000;

  private static final int MAX_ATTEMPTS = 30;

  @Test
  void aFailingApiIsAskedPolitelyAndLosesNothing() {
    int runs = Chaos.scale(100, 1_000);
    try (ChaosScenario s =
        ChaosScenario.create(
            "4 API faults",
            SimulatorOptions.builder()
                .runTime(new DurationRange(Duration.ZERO, Duration.ofSeconds(4)))
                .latency(new DurationRange(Duration.ofMillis(5), Duration.ofMillis(20)))
                .errorRate(0.30)
                .throttleRate(0.10)
                .throttleRetryAfter(RETRY_AFTER))) {
      ConnectionFaults faults = new ConnectionFaults(0.05, Duration.ofSeconds(3), 0.05);
      s.f.simulator().simulator().connectionFaults(faults);
      // a run fails about half of its requests here: 30 attempts make exhausting them unlikely
      s.set("api.timeout", "2s").set("retry.max-attempts", Integer.toString(MAX_ATTEMPTS));
      s.set("query.max-in-flight", "32");
      ServiceProcess p = s.start("one");
      s.f.awaitInputTopic(p, Duration.ofSeconds(90));
      s.submit(s.mixedIds("run", runs));
      s.finish(
          () ->
              String.format(
                  "30%% 5xx, 10%% 429 (Retry-After %ds), answers past api.timeout %d, cut mid-body %d",
                  RETRY_AFTER.toSeconds(), faults.slowed(), faults.cut()),
          Duration.ofSeconds(Chaos.scale(300, 900)));
      p.assertAlive();

      List<LoggedRequest> log = s.f.simulator().simulator().requestLog();
      assertThat(early(log)).as("requests that arrived before an announced Retry-After").isEmpty();
      Map<String, Long> perRun = s.f.truthSource().stats().perRun();
      long most = perRun.values().stream().mapToLong(Long::longValue).max().orElse(0);
      System.out.println("chaos: 4 API faults: most requests for one run " + most);
      assertThat(most).as("requests for one run (bounded)").isLessThanOrEqualTo(4L * MAX_ATTEMPTS);
    }
  }

  /** Requests that arrived after a 429 was answered (and read) but before its Retry-After. */
  private static List<LoggedRequest> early(List<LoggedRequest> log) {
    List<LoggedRequest> early = new ArrayList<>();
    for (LoggedRequest throttled : log) {
      if (throttled.httpStatus() != 429 || throttled.retryAfterSeconds().isEmpty()) {
        continue;
      }
      long from = throttled.answeredAtMs() + ON_ITS_WAY_MS;
      long until = throttled.answeredAtMs() + throttled.retryAfterSeconds().get() * 1000;
      for (LoggedRequest r : log) {
        if (r.arrivedAtMs() > from && r.arrivedAtMs() < until) {
          early.add(r);
        }
      }
    }
    return early.stream().distinct().toList();
  }
}
