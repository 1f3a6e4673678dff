package io.workflowresult.chaos;

import static org.awaitility.Awaitility.await;

import io.workflowresult.simulator.DurationRange;
import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.testing.ServiceProcess;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.Test;

/**
 * Scenario 2: two, then three instances of one {@code app.id} while runs flow; a rolling restart
 * (SIGTERM and start, one instance at a time); then one instance removed for good ({@code
 * shutdown.leave-group=true}): the other two own every partition again within seconds, not after a
 * session timeout.
 */
class ScaleChaosIT {
  private static final int PARTITIONS = 6;

  @Test
  void rollingRestartsAndARemovalLoseNothing() {
    List<String> names = List.of("a", "b", "c");
    try (ChaosScenario s =
        ChaosScenario.create(
            "2 scale and rebalance",
            SimulatorOptions.builder()
                .runTime(new DurationRange(Duration.ZERO, Duration.ofSeconds(6)))
                .latency(new DurationRange(Duration.ofMillis(5), Duration.ofMillis(20))))) {
      s.set("topics.partitions", Integer.toString(PARTITIONS));
      Map<String, ServiceProcess> running = new LinkedHashMap<>();
      running.put("a", s.start("a"));
      s.f.awaitInputTopic(running.get("a"), Duration.ofSeconds(90));
      running.put("b", s.start("b"));
      try (RunFeeder flow =
          new RunFeeder(s.f, s.truth, "run", Chaos.scale(10, 40), Integer.MAX_VALUE)) {
        awaitAllReady(s, running);
        running.put("c", s.start("c", Map.of("shutdown.leave-group", "true")));
        awaitAllReady(s, running);
        int restarts = 0;
        for (String name : Chaos.FULL ? names : List.of("a")) {
          Chaos.randomMoment(
              s.random, Duration.ofSeconds(1), Duration.ofSeconds(Chaos.scale(3, 10)));
          running.get(name).terminate(Duration.ofSeconds(60));
          s.results().drain(Duration.ofSeconds(1), Duration.ofSeconds(10));
          long started = System.nanoTime();
          running.put(
              name,
              s.start(name, name.equals("c") ? Map.of("shutdown.leave-group", "true") : Map.of()));
          s.recovered(
              "SIGTERM, then start (" + name + ")",
              name,
              running.get(name),
              started,
              Duration.ofSeconds(120));
          restarts++;
        }
        // c is scaled down: it leaves its groups for good, and a and b take its partitions over
        running.remove("c").terminate(Duration.ofSeconds(60));
        long removed = System.nanoTime();
        awaitOwnedBy(s, 2);
        s.recovered(Duration.ofNanos(System.nanoTime() - removed).toMillis());
        awaitAllReady(s, running);
        flow.stop();
        s.finish(
            "3 instances, " + restarts + " rolling restarts, 1 removed",
            Duration.ofSeconds(Chaos.scale(180, 600)));
      }
      running.values().forEach(ServiceProcess::assertAlive);
    }
  }

  private static void awaitAllReady(ChaosScenario s, Map<String, ServiceProcess> running) {
    await("instances " + running.keySet() + " ready")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              running.values().forEach(ServiceProcess::assertAlive);
              return running.keySet().stream()
                  .allMatch(n -> s.probe(n).notReady().map(r -> r.isEmpty()).orElse(false));
            });
  }

  /** Waits until the resolver group has {@code members} members that own every partition. */
  private static void awaitOwnedBy(ChaosScenario s, int members) {
    String group = s.f.settings().get("app.id") + "-resolver";
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", s.f.bootstrap()))) {
      await(members + " members of " + group + " own all " + PARTITIONS + " partitions")
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                ConsumerGroupDescription d =
                    admin
                        .describeConsumerGroups(List.of(group))
                        .describedGroups()
                        .get(group)
                        .get(10, TimeUnit.SECONDS);
                int owned =
                    d.members().stream()
                        .map(MemberDescription::assignment)
                        .mapToInt(a -> a.topicPartitions().size())
                        .sum();
                return d.members().size() == members && owned == PARTITIONS;
              });
    }
  }
}
