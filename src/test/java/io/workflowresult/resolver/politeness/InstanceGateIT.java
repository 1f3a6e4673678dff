package io.workflowresult.resolver.politeness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.workflowresult.pipeline.IntakeAndResolver;
import io.workflowresult.resolver.ResolverMetrics;
import io.workflowresult.simulator.DurationRange;
import io.workflowresult.simulator.LoggedRequest;
import io.workflowresult.simulator.RateLimitSpec;
import io.workflowresult.simulator.SimulatorOptions;
import io.workflowresult.testing.verify.Verifier;
import io.workflowresult.testing.verify.VerifierReport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The resolver with its {@link PoliteGate} against an API that throttles, runs out of quota, fails
 * in a burst, or refuses the key: no request before the time an answer announced (measured by the
 * simulator), nothing dead-lettered for a condition of the instance, every run resolved.
 */
class InstanceGateIT {
  private static SimulatorOptions.Builder quickRuns() {
    return SimulatorOptions.builder()
        .runTime(new DurationRange(Duration.ZERO, Duration.ofMillis(600)))
        .apiKey(PolitenessFixture.KEY);
  }

  private static void assertAllResolvedNothingDeadLettered(Verifier verifier, PolitenessFixture f) {
    VerifierReport report = verifier.awaitAllResolved(Duration.ofSeconds(60));
    report = verifier.verify(f.truthSource.refreshed(f.truth));
    report.assertAllCorrect();
    report.assertNoDuplicates();
    assertThat(verifier.observed().deadLetters()).as("dead letters").isEmpty();
  }

  @Test
  void a429StormIsWaitedOutWithNoRequestBeforeRetryAfter() throws Exception {
    try (PolitenessFixture f =
            new PolitenessFixture("storm", quickRuns().throttleRate(0.25), Map.of());
        IntakeAndResolver service = f.start(ResolverMetrics.NOOP);
        Verifier verifier = f.verifier()) {
      f.submit(f.ids("storm", 30));
      assertThat(service.isRunning()).isTrue();

      assertAllResolvedNothingDeadLettered(verifier, f);

      List<LoggedRequest> log = f.log();
      List<RequestTiming.Hold> holds = RequestTiming.holds(f.timedLog());
      long throttled = log.stream().filter(r -> r.httpStatus() == 429).count();
      System.out.printf(
          "429 storm: %d requests, %d answered 429, %d already on their way%n",
          log.size(), throttled, holds.stream().mapToInt(RequestTiming.Hold::onTheirWay).sum());
      assertThat(throttled).as("429 answers in the storm").isGreaterThanOrEqualTo(5);
      assertThat(RequestTiming.early(holds)).as("requests before Retry-After had passed").isEmpty();
    }
  }

  @Test
  void remainingZeroHoldsTheGateUntilTheReset() throws Exception {
    try (PolitenessFixture f =
            new PolitenessFixture(
                "quota",
                quickRuns()
                    .runTime(Duration.ZERO)
                    .rateLimit(new RateLimitSpec(10, Duration.ofSeconds(3))),
                Map.of("query.max-in-flight", "4"));
        IntakeAndResolver service = f.start(ResolverMetrics.NOOP);
        Verifier verifier = f.verifier()) {
      f.submit(f.ids("quota", 26));
      assertThat(service.isRunning()).isTrue();

      assertAllResolvedNothingDeadLettered(verifier, f);

      List<LoggedRequest> log = f.log();
      List<RequestTiming.Hold> holds = RequestTiming.holds(f.timedLog());
      long longest =
          holds.stream().mapToLong(h -> h.untilMs() - h.announcer().answeredAtMs()).max().orElse(0);
      System.out.printf(
          "quota: %d requests, %d holds announced, longest %d ms, %d answered 429%n",
          log.size(),
          holds.size(),
          longest,
          log.stream().filter(r -> r.httpStatus() == 429).count());
      assertThat(holds.stream().filter(h -> h.announcer().httpStatus() == 200).count())
          .as("answers announcing Remaining: 0")
          .isGreaterThanOrEqualTo(2);
      assertThat(RequestTiming.early(holds)).as("requests before X-RateLimit-Reset").isEmpty();
    }
  }

  @Test
  void aBurstOfServerErrorsOpensTheBreakerWhichProbesThenCloses() throws Exception {
    try (PolitenessFixture f =
            new PolitenessFixture(
                "burst",
                quickRuns()
                    .runTime(new DurationRange(Duration.ofSeconds(2), Duration.ofSeconds(8))),
                Map.of());
        IntakeAndResolver service = f.start(ResolverMetrics.NOOP);
        Verifier verifier = f.verifier()) {
      f.submit(f.ids("burst", 40));
      assertThat(service.isRunning()).isTrue();
      await("first queries")
          .atMost(Duration.ofSeconds(20))
          .until(() -> f.simulator.stats().requests() >= 40);

      // When: the API fails every request for 3 s
      long burstStart = System.currentTimeMillis();
      f.simulator.simulator().errorRate(1.0);
      await("the breaker to open")
          .atMost(Duration.ofSeconds(5))
          .until(() -> f.gate().status().condition().isPresent());
      long openedAt = System.currentTimeMillis();
      await("3 s of outage").pollDelay(Duration.ofSeconds(3)).until(() -> true);
      long burstEnd = System.currentTimeMillis();
      f.simulator.simulator().errorRate(0.0);

      assertAllResolvedNothingDeadLettered(verifier, f);

      List<LoggedRequest> log = f.log();
      long closedAt = f.closedAtNanos().get(0);
      // sent once the resolver knew the breaker was open, before the outage ended
      List<LoggedRequest> whileOpen =
          f.timedLog().stream()
              .filter(t -> t.sentNanos() > closedAt && t.request().arrivedAtMs() < burstEnd)
              .map(RequestTiming.Timed::request)
              .toList();
      long recoveredAt =
          log.stream()
              .filter(r -> r.arrivedAtMs() >= burstEnd && r.httpStatus() == 200)
              .mapToLong(LoggedRequest::arrivedAtMs)
              .min()
              .orElseThrow();
      long afterRecovery =
          log.stream()
              .filter(r -> r.arrivedAtMs() > recoveredAt && r.arrivedAtMs() <= recoveredAt + 1_000)
              .count();
      long beforeBurst =
          log.stream()
              .filter(r -> r.arrivedAtMs() >= burstStart - 1_000 && r.arrivedAtMs() < burstStart)
              .count();
      System.out.printf(
          "burst: %d requests/s before, %d while open (%d ms), first success %d ms after the"
              + " outage, then %d in a second%n",
          beforeBurst,
          whileOpen.size(),
          burstEnd - openedAt,
          recoveredAt - burstEnd,
          afterRecovery);
      assertThat(whileOpen.size())
          .as("requests while the breaker was open: single probes")
          .isBetween(1, 3);
      for (int i = 1; i < whileOpen.size(); i++) {
        assertThat(whileOpen.get(i).arrivedAtMs() - whileOpen.get(i - 1).arrivedAtMs())
            .as("spacing of probes")
            .isGreaterThanOrEqualTo(1_000);
      }
      assertThat(afterRecovery).as("requests in the second after recovery").isGreaterThan(5);
    }
  }

  @Test
  void aRefusedKeyIsNotReadyDeadLettersNothingAndResolvesOnceTheKeyWorks() throws Exception {
    try (PolitenessFixture f =
            new PolitenessFixture("key", quickRuns().apiKey("another-key"), Map.of());
        IntakeAndResolver service = f.start(ResolverMetrics.NOOP);
        Verifier verifier = f.verifier()) {
      f.submit(f.ids("key", 20));

      await("not ready for the refused key")
          .atMost(Duration.ofSeconds(20))
          .until(() -> service.notReadyReason().isPresent());
      assertThat(service.notReadyReason().orElseThrow()).startsWith("UNAUTHORIZED");
      await("two more probes").pollDelay(Duration.ofMillis(2_500)).until(() -> true);
      assertThat(service.notReadyReason()).as("still not ready").isPresent();
      assertThat(verifier.verify().resolved()).as("nothing resolved or dead-lettered").isZero();

      // When: the key works
      f.simulator.simulator().acceptKey(PolitenessFixture.KEY);

      assertAllResolvedNothingDeadLettered(verifier, f);
      assertThat(service.notReadyReason()).as("ready again").isEmpty();
      List<RequestTiming.Timed> refused =
          f.timedLog().stream().filter(t -> t.request().httpStatus() == 401).toList();
      long firstKnown =
          refused.stream().mapToLong(RequestTiming.Timed::knownNanos).min().orElseThrow();
      // sent once the resolver knew the key was refused: probes only
      List<LoggedRequest> probes =
          refused.stream()
              .filter(t -> t.sentNanos() > firstKnown)
              .map(RequestTiming.Timed::request)
              .toList();
      System.out.printf(
          "refused key: %d requests refused, %d of them probes%n", refused.size(), probes.size());
      for (int i = 1; i < probes.size(); i++) {
        assertThat(probes.get(i).arrivedAtMs() - probes.get(i - 1).arrivedAtMs())
            .as("probes every api.auth-retry-interval")
            .isGreaterThanOrEqualTo(1_000);
      }
    }
  }
}
