package io.workflowresult.resolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.workflowresult.pipeline.IntakeAndResolver;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Rebalancing and shutdown on a real broker: no run lost. */
class ResolverLifecycleIT {

  @Test
  void secondInstanceJoiningAndFirstLeavingLosesNoRun() throws Exception {
    try (ResolverFixture fx =
            new ResolverFixture(4, Map.of("query.max-in-flight", "4", "poll.max-delay", "600ms"));
        ScriptedApi api = new ScriptedApi(30)) {
      // Given runs that each need four queries over about 1.5 s
      int runs = 40;
      for (int i = 0; i < runs / 2; i++) {
        fx.submit("pending2-" + i);
      }
      IntakeAndResolver first = fx.start(api);
      IntakeAndResolver second = null;
      try {
        await("first results").atMost(Duration.ofSeconds(15)).until(() -> resolved(fx).size() >= 5);
        // When a second instance joins, then the first leaves
        second = fx.start(api);
        await("partitions shared between the two instances")
            .atMost(Duration.ofSeconds(15))
            .until(
                () -> {
                  List<Integer> owned = fx.delayPartitionsPerResolver();
                  return owned.size() == 2
                      && owned.get(0) > 0
                      && owned.get(1) > 0
                      && owned.get(0) + owned.get(1) == 4;
                });
        for (int i = runs / 2; i < runs; i++) {
          fx.submit("pending2-" + i);
        }
        await("both instances querying the second wave")
            .atMost(Duration.ofSeconds(10))
            .until(() -> api.requests("pending2-" + (runs - 1)) > 0);
        assertThat(first.close(Duration.ofSeconds(5))).isTrue();
        // Then the second resolves everything
        await("all runs resolved")
            .atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(200))
            .untilAsserted(() -> assertThat(resolved(fx)).hasSize(runs));
        assertThat(fx.read(fx.dlq)).isEmpty();
        assertThat(api.maxInFlight()).isLessThanOrEqualTo(8); // two instances, four each
      } finally {
        first.close(Duration.ofSeconds(5));
        if (second != null) {
          assertThat(second.close(Duration.ofSeconds(5))).isTrue();
        }
      }
    }
  }

  @Test
  void shutdownWaitsForRequestsInFlightAndARestartResolvesTheRest() throws Exception {
    try (ResolverFixture fx = new ResolverFixture(2, Map.of("query.max-in-flight", "4"));
        ScriptedApi slow = new ScriptedApi(1_500)) {
      int runs = 20;
      for (int i = 0; i < runs; i++) {
        fx.submit("done-" + i);
      }
      IntakeAndResolver service = fx.start(slow);
      await("requests in flight").atMost(Duration.ofSeconds(15)).until(() -> slow.total() >= 4);
      int askedBeforeClose = slow.total();

      // When it is stopped while requests are in flight
      long start = System.nanoTime();
      assertThat(service.close(Duration.ofSeconds(5))).isTrue();
      long tookMs = (System.nanoTime() - start) / 1_000_000;

      // Then the answers in flight were written before it returned
      await("in-flight answers written")
          .atMost(Duration.ofSeconds(5))
          .until(() -> resolved(fx).size() >= askedBeforeClose);
      assertThat(tookMs).isLessThan(15_000);
      Set<String> beforeRestart = new HashSet<>(resolved(fx));

      // And a restart resolves the rest, without asking again for what was committed
      try (ScriptedApi fast = new ScriptedApi(10)) {
        IntakeAndResolver again = fx.start(fast);
        try {
          await("all runs resolved")
              .atMost(Duration.ofSeconds(20))
              .untilAsserted(() -> assertThat(resolved(fx)).hasSize(runs));
          long reasked = beforeRestart.stream().filter(id -> fast.requests(id) > 0).count();
          assertThat(reasked).as("runs asked again after a clean shutdown").isZero();
        } finally {
          assertThat(again.close(Duration.ofSeconds(5))).isTrue();
        }
      }
    }
  }

  private static List<String> resolved(ResolverFixture fx) {
    return fx.read(fx.results).stream()
        .map(ConsumerRecord::key)
        .collect(Collectors.toCollection(java.util.TreeSet::new))
        .stream()
        .toList();
  }
}
