package io.workflowresult.resolver;

import io.workflowresult.api.QueryOutcome;
import io.workflowresult.api.QueryOutcome.Malformed;
import io.workflowresult.api.QueryOutcome.NotFound;
import io.workflowresult.api.QueryOutcome.NotYet;
import io.workflowresult.api.QueryOutcome.Terminal;
import io.workflowresult.api.QueryOutcome.TooLarge;
import io.workflowresult.api.QueryOutcome.Transient;
import io.workflowresult.api.QueryOutcome.Unauthorized;
import io.workflowresult.api.QueryOutcome.UnexpectedStatus;
import io.workflowresult.deadletter.DeadLetterReason;
import io.workflowresult.deadletter.DeadLetters;
import io.workflowresult.delay.DelayRecord;
import io.workflowresult.delay.PollSchedule;
import io.workflowresult.delay.learned.DelayRecordSchedule;
import io.workflowresult.delay.learned.NextDue;
import io.workflowresult.delay.learned.NotYetAnswer;
import io.workflowresult.delay.learned.QueryPlanner;
import java.time.Duration;

/**
 * Decides where an answer sends its run (README, "Dead-letter reasons" and "Polling schedule"): one
 * exhaustive switch over {@link QueryOutcome.Kind}. Pure: the time is an argument.
 *
 * <ul>
 *   <li>terminal → results;
 *   <li>not yet → delay, {@code attempt + 1}, due when the {@link QueryPlanner} says (the learned
 *       ladder, or the exponential schedule alone with {@code poll.schedule=fixed}; a {@code
 *       Retry-After} honoured); {@code EXPIRED} when the run was first seen more than {@code
 *       poll.max-age} ago;
 *   <li>failure of the run (timeout, I/O error, 5xx, 429 until the instance gate exists) → delay
 *       with back-off; the {@code retry.max-attempts}-th failure → {@code RETRIES_EXHAUSTED};
 *   <li>404 → delay, retried {@code poll.not-found-retries} times, then {@code NOT_FOUND};
 *   <li>refused key → delay after {@code api.auth-retry-interval}, attempt not counted, never a
 *       dead letter;
 *   <li>malformed, unexpected status, too large → the matching dead letter;
 *   <li>a result the producer refuses as too large → {@code RESULT_TOO_LARGE} ({@link
 *       #resultTooLarge}).
 * </ul>
 */
public final class OutcomeRouter {
  private final PollSchedule schedule;
  private final QueryPlanner planner;
  private final long maxAgeMs;
  private final int notFoundRetries;
  private final int retryMaxAttempts;
  private final long authRetryMs;

  /**
   * @param schedule the exponential schedule failures and 404s back off on
   * @param planner when a run not finished yet is asked again
   */
  public OutcomeRouter(
      PollSchedule schedule,
      QueryPlanner planner,
      Duration maxAge,
      int notFoundRetries,
      int retryMaxAttempts,
      Duration authRetryInterval) {
    this.schedule = schedule;
    this.planner = planner;
    this.maxAgeMs = maxAge.toMillis();
    this.notFoundRetries = notFoundRetries;
    this.retryMaxAttempts = retryMaxAttempts;
    this.authRetryMs = authRetryInterval.toMillis();
  }

  /** Where {@code outcome}, the answer to the query of {@code run}, sends the run. */
  public Route route(DelayRecord run, QueryOutcome outcome, long nowMs) {
    return switch (outcome.kind()) {
      case TERMINAL -> publish((Terminal) outcome);
      case NOT_YET -> notYet(run, (NotYet) outcome, nowMs);
      case TRANSIENT -> failure(run, (Transient) outcome, nowMs);
      case NOT_FOUND -> notFound(run, (NotFound) outcome, nowMs);
      case UNAUTHORIZED -> refused(run, (Unauthorized) outcome, nowMs);
      case MALFORMED -> malformed(run, (Malformed) outcome, nowMs);
      case UNEXPECTED_STATUS -> unexpectedStatus(run, (UnexpectedStatus) outcome, nowMs);
      case TOO_LARGE -> tooLarge(run, (TooLarge) outcome, nowMs);
    };
  }

  /**
   * Where a result goes that the producer refused as too large to write: a {@code RESULT_TOO_LARGE}
   * dead letter.
   */
  public Route resultTooLarge(DelayRecord run, Route.Publish result, long nowMs) {
    return dead(
        DeadLetterReason.RESULT_TOO_LARGE,
        run,
        "result of " + result.runObject().length + " bytes exceeds the producer's limit",
        result.status(),
        200,
        null,
        nowMs);
  }

  private static Route publish(Terminal t) {
    return new Route.Publish(t.status(), t.runObject(), t.truncated(), t.times());
  }

  private Route refused(DelayRecord run, Unauthorized u, long nowMs) {
    return new Route.Redelay(
        run.next(
            run.attempt(), nowMs + authRetryMs, run.lastStatus(), run.failures(), run.notFound()),
        "key refused (" + u.httpStatus() + ")");
  }

  private static Route malformed(DelayRecord run, Malformed m, long nowMs) {
    return dead(
        DeadLetterReason.MALFORMED_RESPONSE,
        run,
        m.detail(),
        run.lastStatus(),
        m.httpStatus(),
        m.errorBody().orElse(null),
        nowMs);
  }

  private static Route unexpectedStatus(DelayRecord run, UnexpectedStatus u, long nowMs) {
    return dead(
        DeadLetterReason.UNEXPECTED_STATUS,
        run,
        "unknown status " + u.status(),
        u.status(),
        u.httpStatus(),
        u.errorBody().orElse(null),
        nowMs);
  }

  private static Route tooLarge(DelayRecord run, TooLarge t, long nowMs) {
    return dead(
        DeadLetterReason.RESULT_TOO_LARGE,
        run,
        "answer larger than " + t.limitBytes() + " bytes",
        run.lastStatus(),
        t.httpStatus(),
        null,
        nowMs);
  }

  private Route notYet(DelayRecord run, NotYet n, long nowMs) {
    if (run.ageMillis(nowMs) > maxAgeMs) {
      return dead(
          DeadLetterReason.EXPIRED,
          run,
          "still "
              + n.status()
              + " "
              + Duration.ofMillis(nowMs - run.firstSeenAt())
              + " after first seen"
              + (run.heldMillis() > 0
                  ? " (" + Duration.ofMillis(run.heldMillis()) + " of it held by the instance)"
                  : ""),
          n.status(),
          n.httpStatus(),
          null,
          nowMs);
    }
    NextDue next =
        planner.afterNotYet(
            DelayRecordSchedule.pollState(run),
            new NotYetAnswer(n.workflowId(), n.workflowVersion(), n.startTime(), n.retryAfter()),
            nowMs);
    return new Route.Redelay(
        DelayRecordSchedule.redelayed(run, next, n.workflowVersion(), n.status()), n.status());
  }

  private Route failure(DelayRecord run, Transient t, long nowMs) {
    int failures = run.failures() + 1;
    if (failures >= retryMaxAttempts) {
      return dead(
          DeadLetterReason.RETRIES_EXHAUSTED,
          run,
          failures + " failures, last: " + t.failure() + " " + t.detail(),
          run.lastStatus(),
          t.httpStatus(),
          t.errorBody().orElse(null),
          nowMs);
    }
    long wait = schedule.delayMs(failures - 1);
    if (t.retryAfter().isPresent()) {
      wait = Math.max(wait, t.retryAfter().get().toMillis());
    }
    return new Route.Redelay(
        run.next(run.attempt() + 1, nowMs + wait, run.lastStatus(), failures, run.notFound()),
        t.failure() + " " + t.detail());
  }

  private Route notFound(DelayRecord run, NotFound n, long nowMs) {
    int notFound = run.notFound() + 1;
    if (notFound > notFoundRetries) {
      return dead(
          DeadLetterReason.NOT_FOUND,
          run,
          notFound + " answers 404: " + n.detail(),
          run.lastStatus(),
          n.httpStatus(),
          n.errorBody().orElse(null),
          nowMs);
    }
    long due = nowMs + schedule.delayMs(notFound - 1);
    return new Route.Redelay(
        run.next(run.attempt() + 1, due, run.lastStatus(), run.failures(), notFound), "404");
  }

  private static Route dead(
      DeadLetterReason reason,
      DelayRecord run,
      String detail,
      String lastStatus,
      int httpStatus,
      String errorBody,
      long nowMs) {
    return new Route.DeadLetterRoute(
        DeadLetters.forRun(reason, run, detail, lastStatus, httpStatus, errorBody, nowMs));
  }
}
