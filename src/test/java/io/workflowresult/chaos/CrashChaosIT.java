package io.workflowresult.chaos;

import io.workflowresult.simulator.DurationRange;
import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.testing.ServiceProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Scenario 1: runs of mixed outcomes (most pending for seconds, some ending as dead letters) while
 * the only instance is killed with {@code kill -9} at random moments and started again each time,
 * {@code rounds} times. Each round submits a tranche of new runs and kills the instance 1–6 s later
 * (1–3 s in the short version): the runs take up to 8 s, so every kill lands mid-stream and every
 * restart has runs left to resolve. Nothing is lost, nothing counted twice.
 */
class CrashChaosIT {

  @Test
  void killNineAtRandomMomentsLosesNothing() {
    int rounds = Chaos.scale(1, 5);
    int tranche = Chaos.scale(300, 4_000);
    try (ChaosScenario s =
        ChaosScenario.create(
            "1 crash",
            SimulatorOptions.builder()
                .runTime(new DurationRange(Duration.ZERO, Duration.ofSeconds(8)))
                .latency(new DurationRange(Duration.ofMillis(5), Duration.ofMillis(20))))) {
      s.set("query.max-in-flight", "64");
      ServiceProcess p = s.start("one");
      s.f.awaitInputTopic(p, Duration.ofSeconds(90));
      for (int round = 0; round < rounds; round++) {
        s.submit(s.mixedIds("run" + round, tranche));
        RestartTimingChaosIT.awaitUpAndReady(p, s.probe("one"), s.results(), Duration.ZERO);
        Chaos.randomMoment(s.random, Duration.ofSeconds(1), Duration.ofSeconds(Chaos.scale(3, 6)));
        p.kill9();
        s.results().drain(Duration.ofSeconds(1), Duration.ofSeconds(10));
        long started = System.nanoTime();
        p = s.start("one");
        s.recovered("kill -9, then start", "one", p, started, Duration.ofSeconds(120));
      }
      s.finish("kill -9 ×" + rounds, Duration.ofSeconds(Chaos.scale(240, 900)));
      p.assertAlive();
    }
  }
}
