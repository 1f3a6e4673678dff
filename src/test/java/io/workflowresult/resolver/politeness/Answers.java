package io.workflowresult.resolver.politeness;

import io.workflowresult.api.QueryOutcome;
import io.workflowresult.api.QueryOutcome.TransientKind;
import io.workflowresult.api.RateLimit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** The answers the gate and resolver tests show, for run {@code r} unless one is named. */
public final class Answers {
  private Answers() {}

  /** A {@code SUCCEED} answer carrying {@code rateLimit}'s headers. */
  static QueryOutcome ok(RateLimit rateLimit) {
    return new QueryOutcome.Terminal(
        "r",
        "SUCCEED",
        "{}".getBytes(StandardCharsets.UTF_8),
        false,
        Optional.empty(),
        200,
        rateLimit);
  }

  /** A 429, with {@code Retry-After} unless {@code retryAfter} is null. */
  static QueryOutcome throttled(Duration retryAfter) {
    return new QueryOutcome.Transient(
        "r",
        TransientKind.THROTTLED,
        Optional.ofNullable(retryAfter),
        "429",
        Optional.empty(),
        429,
        RateLimit.NONE);
  }

  private static int nextRun;

  /** A 503 for a run of its own (a burst of these is the API failing, not one run). */
  static QueryOutcome serverError() {
    return serverError("r" + nextRun++);
  }

  /** A 503 for {@code runId}. */
  public static QueryOutcome serverError(String runId) {
    return new QueryOutcome.Transient(
        runId,
        TransientKind.SERVER_ERROR,
        Optional.empty(),
        "503",
        Optional.empty(),
        503,
        RateLimit.NONE);
  }

  /** A 401 with {@code detail}. */
  static QueryOutcome unauthorized(String detail) {
    return new QueryOutcome.Unauthorized("r", detail, Optional.empty(), 401, RateLimit.NONE);
  }
}
