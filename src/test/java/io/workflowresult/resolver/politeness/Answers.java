package io.workflowresult.resolver.politeness;

import io.workflowresult.api.QueryOutcome;
import io.workflowresult.api.QueryOutcome.TransientKind;
import io.workflowresult.api.RateLimit;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** The answers the gate tests show the gate, all for run {@code r}. */
final class Answers {
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

  /** A 503. */
  static QueryOutcome serverError() {
    return new QueryOutcome.Transient(
        "r",
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
