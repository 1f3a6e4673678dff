package io.workflowresult.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.api.QueryOutcome;
import io.workflowresult.api.QueryOutcome.TransientKind;
import io.workflowresult.api.RateLimit;
import io.workflowresult.deadletter.DeadLetter;
import io.workflowresult.deadletter.DeadLetterReason;
import io.workflowresult.delay.DelayRecord;
import io.workflowresult.delay.PollSchedule;
import io.workflowresult.delay.learned.LadderTimes;
import io.workflowresult.delay.learned.QueryPlanner;
import io.workflowresult.delay.learned.RunTimeEstimates;
import io.workflowresult.delay.learned.ScheduleSettings;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class OutcomeRouterTest {
  private static final long NOW = 1_000_000_000L;
  private static final RateLimit RL = RateLimit.NONE;
  private static final PollSchedule SCHEDULE =
      new PollSchedule(Duration.ofSeconds(2), Duration.ofSeconds(60), 2.0, () -> 0.0);

  /** What the learned schedule knows: wf-1's runs take 8, 10 and 12 s at the ladder's levels. */
  private static final RunTimeEstimates WF_1 =
      (wf, version, measure, now) ->
          wf.equals("wf-1")
              ? Optional.of(new LadderTimes(new long[] {8_000, 10_000, 12_000}, 100))
              : Optional.empty();

  private final OutcomeRouter router = router(false);

  /** The router of {@code poll.schedule=learned} ({@code true}) or {@code fixed}. */
  static OutcomeRouter router(boolean learned) {
    return new OutcomeRouter(
        SCHEDULE,
        new QueryPlanner(
            new ScheduleSettings(
                learned,
                Duration.ofSeconds(1),
                Duration.ofHours(1),
                Duration.ofHours(24),
                Duration.ofHours(1)),
            WF_1,
            SCHEDULE,
            () -> 0.0),
        Duration.ofHours(24),
        2,
        3,
        Duration.ofSeconds(30));
  }

  private static QueryOutcome.NotYet running(long startTime, Optional<Duration> retryAfter) {
    return new QueryOutcome.NotYet(
        "r1",
        "RUNNING",
        Optional.of("wf-1"),
        Optional.of("1.0.1"),
        OptionalLong.of(startTime),
        retryAfter,
        200,
        RL);
  }

  private static DelayRecord run(int attempt) {
    return DelayRecord.fresh("r1", NOW - 1000).next(attempt, NOW, "PENDING", 0, 0);
  }

  @Test
  void terminalIsPublishedUnchanged() {
    byte[] body = "{\"status\":\"SUCCEED\",\"totalCost\":0.6928}".getBytes(StandardCharsets.UTF_8);
    Route r =
        router.route(
            run(0),
            new QueryOutcome.Terminal(
                "r1", "SUCCEED", body, true, Optional.of(new BigDecimal("0.6928")), 200, RL),
            NOW);
    assertThat(r).isEqualTo(new Route.Publish("SUCCEED", body, true));
  }

  @Test
  void notYetGoesBackWithTheNextAttemptAndScheduledDue() {
    Route r = router.route(run(2), new QueryOutcome.NotYet("r1", "RUNNING", 200, RL), NOW);
    DelayRecord next = ((Route.Redelay) r).next();
    assertThat(next.attempt()).isEqualTo(3);
    assertThat(next.dueAt()).isEqualTo(NOW + 8_000);
    assertThat(next.lastStatus()).isEqualTo("RUNNING");
    assertThat(next.firstSeenAt()).isEqualTo(NOW - 1000);
  }

  @Test
  void theFixedScheduleIgnoresWhatWasLearned() {
    DelayRecord sent = run(2).queriedAt(NOW);

    DelayRecord next =
        ((Route.Redelay) router.route(sent, running(NOW - 3_000, Optional.empty()), NOW)).next();

    assertThat(next.dueAt()).isEqualTo(NOW + 8_000);
    assertThat(next.schedule()).isEqualTo("fixed");
    assertThat(next.workflowId()).isEqualTo("wf-1");
  }

  @Test
  void aRunOfAKnownWorkflowIsAskedAtItsStartPlusTheFirstLevel() {
    DelayRecord sent = run(0).queriedAt(NOW);

    DelayRecord next =
        ((Route.Redelay) router(true).route(sent, running(NOW - 3_000, Optional.empty()), NOW))
            .next();

    assertThat(next.dueAt()).isEqualTo(NOW - 3_000 + 8_000);
    assertThat(next.attempt()).isEqualTo(1);
    assertThat(next.schedule()).isEqualTo("learned");
    assertThat(next.startTime()).isEqualTo(NOW - 3_000);
    assertThat(next.workflowVersion()).isEqualTo("1.0.1");
    assertThat(next.lastQueriedAt()).isEqualTo(NOW);
  }

  @Test
  void aLearnedQueryNeverComesSoonerThanTheMinimumGapAfterThePrevious() {
    // the first level (start + 8 s) is only 200 ms after this query
    DelayRecord sent = run(0).queriedAt(NOW);

    DelayRecord next =
        ((Route.Redelay) router(true).route(sent, running(NOW - 7_800, Optional.empty()), NOW))
            .next();

    assertThat(next.dueAt()).isEqualTo(NOW + 1_000);
  }

  @Test
  void aRetryAfterOnARunningAnswerIsHonouredPastTheMaximumDelay() {
    DelayRecord sent = run(0).queriedAt(NOW);
    Optional<Duration> fiveMinutes = Optional.of(Duration.ofMinutes(5));

    Route fixed = router.route(sent, running(NOW, fiveMinutes), NOW);
    Route learned = router(true).route(sent, running(NOW, fiveMinutes), NOW);

    assertThat(((Route.Redelay) fixed).next().dueAt()).isEqualTo(NOW + 300_000);
    assertThat(((Route.Redelay) learned).next().dueAt()).isEqualTo(NOW + 300_000);
  }

  @Test
  void aFailureKeepsWhatTheScheduleKnewAndBacksOffExponentially() {
    DelayRecord learned =
        ((Route.Redelay)
                router(true).route(run(0).queriedAt(NOW), running(NOW, Optional.empty()), NOW))
            .next();

    DelayRecord next =
        ((Route.Redelay) router(true).route(learned, transientFailure(Optional.empty()), NOW))
            .next();

    assertThat(next.dueAt()).isEqualTo(NOW + 2_000);
    assertThat(next.schedule()).isEqualTo("learned");
    assertThat(next.startTime()).isEqualTo(NOW);
  }

  @Test
  void notYetPastMaxAgeExpires() {
    DelayRecord old = DelayRecord.fresh("r1", NOW - Duration.ofHours(25).toMillis());
    Route r = router.route(old, new QueryOutcome.NotYet("r1", "PENDING", 200, RL), NOW);
    DeadLetter dl = ((Route.DeadLetterRoute) r).letter();
    assertThat(dl.reason()).isEqualTo(DeadLetterReason.EXPIRED);
    assertThat(dl.lastStatus()).isEqualTo("PENDING");
    assertThat(dl.httpStatus()).isEqualTo(200);
  }

  @Test
  void timeHeldByTheInstanceDoesNotAgeARunTowardExpired() {
    // first seen 25 h ago, due 2 h ago, held by the gate until now: 23 h of its own age
    DelayRecord old = DelayRecord.fresh("r1", NOW - Duration.ofHours(25).toMillis());
    DelayRecord due = old.next(3, NOW - Duration.ofHours(2).toMillis(), "PENDING", 0, 0);
    DelayRecord held = due.heldUntil(NOW, due.dueAt());
    assertThat(held.heldMillis()).isEqualTo(Duration.ofHours(2).toMillis());

    Route r = router.route(held, new QueryOutcome.NotYet("r1", "PENDING", 200, RL), NOW);

    DelayRecord next = ((Route.Redelay) r).next();
    assertThat(next.attempt()).isEqualTo(4);
    assertThat(next.heldMillis()).as("carried forward").isEqualTo(held.heldMillis());
    assertThat(DelayRecord.fromJson(next.toJson())).contains(next);
  }

  @Test
  void oldRunFailingIsNotExpiredOnlyRetried() {
    DelayRecord old = DelayRecord.fresh("r1", NOW - Duration.ofHours(25).toMillis());
    Route r = router.route(old, transientFailure(Optional.empty()), NOW);
    assertThat(r).isInstanceOf(Route.Redelay.class);
  }

  private static QueryOutcome.Transient transientFailure(Optional<Duration> retryAfter) {
    return new QueryOutcome.Transient(
        "r1", TransientKind.SERVER_ERROR, retryAfter, "503", Optional.of("busy"), 503, RL);
  }

  @Test
  void failuresBackOffThenExhaust() {
    DelayRecord r0 = run(0);
    Route first = router.route(r0, transientFailure(Optional.empty()), NOW);
    DelayRecord r1 = ((Route.Redelay) first).next();
    assertThat(r1.failures()).isEqualTo(1);
    assertThat(r1.dueAt()).isEqualTo(NOW + 2_000);
    assertThat(r1.lastStatus()).isEqualTo("PENDING");
    DelayRecord r2 =
        ((Route.Redelay) router.route(r1, transientFailure(Optional.empty()), NOW)).next();
    assertThat(r2.dueAt()).isEqualTo(NOW + 4_000);
    Route third = router.route(r2, transientFailure(Optional.empty()), NOW);
    DeadLetter dl = ((Route.DeadLetterRoute) third).letter();
    assertThat(dl.reason()).isEqualTo(DeadLetterReason.RETRIES_EXHAUSTED);
    assertThat(dl.httpStatus()).isEqualTo(503);
    assertThat(dl.errorBody()).isEqualTo("busy");
    assertThat(dl.attempts()).isEqualTo(3);
  }

  @Test
  void notYetAnswersDoNotCountAsFailures() {
    DelayRecord r = run(0);
    for (int i = 0; i < 10; i++) {
      r =
          ((Route.Redelay) router.route(r, new QueryOutcome.NotYet("r1", "PENDING", 200, RL), NOW))
              .next();
    }
    r = ((Route.Redelay) router.route(r, transientFailure(Optional.empty()), NOW)).next();
    assertThat(r.failures()).isEqualTo(1);
  }

  @Test
  void retryAfterLengthensTheBackoff() {
    Route r = router.route(run(0), transientFailure(Optional.of(Duration.ofSeconds(20))), NOW);
    assertThat(((Route.Redelay) r).next().dueAt()).isEqualTo(NOW + 20_000);
  }

  @Test
  void notFoundIsRetriedThenDeadLettered() {
    QueryOutcome.NotFound nf = new QueryOutcome.NotFound("r1", "404", Optional.of("{}"), 404, RL);
    DelayRecord r = run(0);
    r = ((Route.Redelay) router.route(r, nf, NOW)).next();
    r = ((Route.Redelay) router.route(r, nf, NOW)).next();
    assertThat(r.notFound()).isEqualTo(2);
    DeadLetter dl = ((Route.DeadLetterRoute) router.route(r, nf, NOW)).letter();
    assertThat(dl.reason()).isEqualTo(DeadLetterReason.NOT_FOUND);
    assertThat(dl.httpStatus()).isEqualTo(404);
    assertThat(dl.attempts()).isEqualTo(3);
  }

  @Test
  void refusedKeyIsNeverDeadLetteredNorCounted() {
    DelayRecord r = run(4);
    for (int i = 0; i < 50; i++) {
      Route route =
          router.route(
              r, new QueryOutcome.Unauthorized("r1", "401", Optional.empty(), 401, RL), NOW);
      r = ((Route.Redelay) route).next();
    }
    assertThat(r.attempt()).isEqualTo(4);
    assertThat(r.failures()).isZero();
    assertThat(r.dueAt()).isEqualTo(NOW + 30_000);
  }

  @Test
  void malformedUnexpectedAndTooLargeAreDeadLettered() {
    assertThat(
            ((Route.DeadLetterRoute)
                    router.route(
                        run(0),
                        new QueryOutcome.Malformed(
                            "r1", "not JSON", Optional.of("<html>"), 200, RL),
                        NOW))
                .letter())
        .satisfies(
            dl -> {
              assertThat(dl.reason()).isEqualTo(DeadLetterReason.MALFORMED_RESPONSE);
              assertThat(dl.errorBody()).isEqualTo("<html>");
              assertThat(dl.detail()).isEqualTo("not JSON");
            });
    DeadLetter unexpected =
        ((Route.DeadLetterRoute)
                router.route(
                    run(0),
                    new QueryOutcome.UnexpectedStatus("r1", "PAUSED", Optional.empty(), 200, RL),
                    NOW))
            .letter();
    assertThat(unexpected.reason()).isEqualTo(DeadLetterReason.UNEXPECTED_STATUS);
    assertThat(unexpected.lastStatus()).isEqualTo("PAUSED");
    DeadLetter large =
        ((Route.DeadLetterRoute)
                router.route(run(0), new QueryOutcome.TooLarge("r1", 64, 200, RL), NOW))
            .letter();
    assertThat(large.reason()).isEqualTo(DeadLetterReason.RESULT_TOO_LARGE);
    assertThat(large.failedAt()).isEqualTo(NOW);
    assertThat(large.firstSeenAt()).isEqualTo(NOW - 1000);
  }
}
