package io.workflowresult.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.simulator.DurationRange;
import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.testing.ServiceProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Scenario 1: runs of mixed outcomes (most pending for seconds, some ending as dead letters) while
 * the only instance is killed with {@code kill -9} at random moments and started again each time,
 * {@code rounds} times. The runs come in tranches: whenever most of those submitted have a result,
 * the next tranche is submitted before the next kill, so that every kill lands mid-stream; what is
 * left of {@code runs} after the last kill comes at the end. Nothing is lost, nothing counted
 * twice.
 */
class CrashChaosIT {

  @Test
  void killNineAtRandomMomentsLosesNothing() {
    int rounds = Chaos.scale(1, 5);
    int runs = Chaos.scale(300, 20_000);
    int tranche = Chaos.scale(300, 5_000);
    try (ChaosScenario s =
        ChaosScenario.create(
            "1 crash",
            SimulatorOptions.builder()
                .runTime(new DurationRange(Duration.ZERO, Duration.ofSeconds(8)))
                .latency(new DurationRange(Duration.ofMillis(5), Duration.ofMillis(20))))) {
      s.set("query.max-in-flight", "64");
      ServiceProcess p = s.start("one");
      s.f.awaitInputTopic(p, Duration.ofSeconds(90));
      int submitted = 0;
      int kills = 0;
      for (int attempt = 0; kills < rounds; attempt++) {
        assertThat(attempt).as("attempts at %d kills mid-stream", rounds).isLessThan(rounds * 3);
        s.results().poll();
        // 1 in 25 runs ends as a dead letter, not a result: keep a fifth of the runs unresolved,
        // or the restart would have no new result to be timed by
        if (s.results().distinctRuns() >= submitted * 0.8) {
          s.submit(s.mixedIds("run" + attempt, tranche));
          submitted += tranche;
        }
        RestartTimingChaosIT.awaitUpAndReady(p, s.probe("one"), s.results(), Duration.ZERO);
        Chaos.randomMoment(s.random, Duration.ofSeconds(1), Duration.ofSeconds(Chaos.scale(3, 6)));
        s.results().poll();
        if (s.results().distinctRuns() >= submitted * 0.8) {
          continue; // too little left to kill it mid-stream
        }
        p.kill9();
        kills++;
        s.results().drain(Duration.ofSeconds(1), Duration.ofSeconds(10));
        long started = System.nanoTime();
        p = s.start("one");
        s.recovered("kill -9, then start", "one", p, started, Duration.ofSeconds(120));
      }
      if (submitted < runs) {
        s.submit(s.mixedIds("rest", runs - submitted));
      }
      s.finish("kill -9 ×" + kills, Duration.ofSeconds(Chaos.scale(240, 900)));
      p.assertAlive();
    }
  }
}
