package io.workflowresult.chaos;

import static org.awaitility.Awaitility.await;

import io.workflowresult.simulator.DurationRange;
import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.testing.ServiceProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3: the broker (a real one, as its own process) stopped mid-stream and started again
 * after a while; the processor recovers by itself, without a restart of its own, and loses nothing.
 */
class BrokerBounceChaosIT {

  @Test
  void theProcessorOutlivesABrokerBounce() {
    Duration down = Duration.ofSeconds(Chaos.scale(5, 30));
    try (BrokerProcess broker = BrokerProcess.forScenario();
        ChaosScenario s =
            ChaosScenario.create(
                "3 broker bounce",
                SimulatorOptions.builder()
                    .runTime(new DurationRange(Duration.ZERO, Duration.ofSeconds(6)))
                    .latency(new DurationRange(Duration.ofMillis(5), Duration.ofMillis(20))),
                broker.bootstrap())) {
      ServiceProcess p = s.start("one");
      s.f.awaitInputTopic(p, Duration.ofSeconds(90));
      try (RunFeeder flow =
          new RunFeeder(s.f, s.truth, "run", Chaos.scale(10, 40), Chaos.scale(150, 4_000))) {
        RestartTimingChaosIT.awaitUpAndReady(p, s.probe("one"), s.results(), Duration.ofSeconds(5));
        Chaos.randomMoment(s.random, Duration.ofSeconds(1), Duration.ofSeconds(Chaos.scale(3, 10)));
        s.results().drain(Duration.ofSeconds(1), Duration.ofSeconds(10));
        broker.stop();
        long before = s.results().records();
        Chaos.randomMoment(s.random, down, down);
        p.assertAlive();
        broker.start();
        long back = System.nanoTime();
        await("a new result after the broker is back")
            .atMost(Duration.ofSeconds(180))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> {
                  p.assertAlive();
                  s.results().poll();
                  return s.results().records() > before;
                });
        s.recovered(Duration.ofNanos(s.results().lastArrivalNanos() - back).toMillis());
        flow.awaitAllSent(Duration.ofSeconds(Chaos.scale(120, 300)));
      }
      s.finish("broker down " + down.toSeconds() + " s", Duration.ofSeconds(Chaos.scale(240, 600)));
      p.assertAlive();
    }
  }
}
