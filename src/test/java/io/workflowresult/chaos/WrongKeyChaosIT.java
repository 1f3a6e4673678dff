package io.workflowresult.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.workflowresult.simulator.DurationRange;
import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.testing.ServiceProcess;
import io.workflowresult.testing.e2e.PipelineFixture;
import io.workflowresult.testing.verify.Verifier;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Scenario 6: the API refuses the service's key while runs arrive (a rotated key), then accepts it
 * again. Meanwhile the instance is not ready and dead-letters nothing; afterwards every run is
 * resolved with exact totals.
 */
class WrongKeyChaosIT {

  @Test
  void aRefusedKeyLosesNothingAndDeadLettersNothing() {
    int runs = Chaos.scale(100, 3_000);
    try (ChaosScenario s =
        ChaosScenario.create(
            "6 wrong API key, then fixed",
            SimulatorOptions.builder()
                .runTime(new DurationRange(Duration.ZERO, Duration.ofSeconds(3)))
                .latency(new DurationRange(Duration.ofMillis(5), Duration.ofMillis(20))))) {
      s.set("api.auth-retry-interval", "2s");
      s.f.simulator().simulator().acceptKey("another-key");
      ServiceProcess p = s.start("one");
      s.f.awaitInputTopic(p, Duration.ofSeconds(90));
      s.submit(s.mixedIds("run", runs));

      await("the refused key reported by /health/ready")
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> s.probe("one").notReady().map(r -> r.contains("apiKey")).orElse(false));
      Duration refused = Duration.ofSeconds(Chaos.scale(5, 60));
      try (Verifier verifier = s.f.verifier(s.truth)) {
        await("nothing written while the key is refused")
            .during(refused)
            .atMost(refused.plusSeconds(30))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> verifier.verify().resolved() == 0);
      }
      assertThat(s.probe("one").notReady())
          .hasValueSatisfying(r -> assertThat(r).contains("apiKey"));

      s.f.simulator().simulator().acceptKey(PipelineFixture.API_KEY);
      long fixed = System.nanoTime();
      s.results().drain(Duration.ofMillis(200), Duration.ofSeconds(5));
      await("a result after the key works again")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> s.results().poll() >= 0 && s.results().records() > 0);
      s.recovered(Duration.ofNanos(s.results().lastArrivalNanos() - fixed).toMillis());
      s.finish(
          "key refused for " + refused.toSeconds() + " s",
          Duration.ofSeconds(Chaos.scale(180, 600)));
      p.assertAlive();
    }
  }
}
