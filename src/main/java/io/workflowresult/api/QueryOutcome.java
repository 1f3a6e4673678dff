package io.workflowresult.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

/**
 * The classified answer to one query of a run's result. Exactly one type per kind of answer, so
 * that the resolver routes with one exhaustive {@code switch}. Every outcome carries the rate-limit
 * headers of its answer ({@link RateLimit#NONE} when there was no answer) and the HTTP status
 * ({@code 0} when there was no answer).
 */
public sealed interface QueryOutcome {

  String runId();

  int httpStatus();

  RateLimit rateLimit();

  /**
   * {@code SUCCEED} or {@code FAILED}. {@code runObject} is the API's run object as UTF-8 JSON,
   * every field kept (unknown ones too); when {@code truncated}, {@code input} and {@code output}
   * were dropped because they exceeded {@code api.max-payload-bytes}. {@code totalCost} is read
   * exactly (empty when the answer had none).
   */
  record Terminal(
      String runId,
      String status,
      byte[] runObject,
      boolean truncated,
      Optional<BigDecimal> totalCost,
      int httpStatus,
      RateLimit rateLimit)
      implements QueryOutcome {}

  /** {@code PENDING} or {@code RUNNING}: ask again later. */
  record NotYet(String runId, String status, int httpStatus, RateLimit rateLimit)
      implements QueryOutcome {}

  /** Why a {@link Transient} answer failed. */
  enum TransientKind {
    TIMEOUT,
    IO_ERROR,
    SERVER_ERROR,
    THROTTLED
  }

  /**
   * A failure that may pass: timeout, I/O error, 5xx, or 429. {@code retryAfter} is the wait the
   * server announced ({@code Retry-After} in seconds or HTTP-date form, else {@code
   * X-RateLimit-Reset}), relative to when the answer arrived.
   */
  record Transient(
      String runId,
      TransientKind kind,
      Optional<Duration> retryAfter,
      String detail,
      Optional<String> errorBody,
      int httpStatus,
      RateLimit rateLimit)
      implements QueryOutcome {}

  /** 404: the API does not know the run (yet). */
  record NotFound(
      String runId, String detail, Optional<String> errorBody, int httpStatus, RateLimit rateLimit)
      implements QueryOutcome {}

  /** 401 or 403: the key is refused. A condition of the instance, never of the run. */
  record Unauthorized(
      String runId, String detail, Optional<String> errorBody, int httpStatus, RateLimit rateLimit)
      implements QueryOutcome {}

  /**
   * A 2xx answer that is not JSON, lacks {@code status} or {@code workflowRunId}, or names another
   * run; or any other status code the client does not classify otherwise.
   */
  record Malformed(
      String runId, String detail, Optional<String> errorBody, int httpStatus, RateLimit rateLimit)
      implements QueryOutcome {}

  /** A well-formed answer whose {@code status} is none of the four known ones. */
  record UnexpectedStatus(
      String runId, String status, Optional<String> errorBody, int httpStatus, RateLimit rateLimit)
      implements QueryOutcome {}

  /** The body exceeded {@code api.max-response-bytes}; reading stopped there. */
  record TooLarge(String runId, long limitBytes, int httpStatus, RateLimit rateLimit)
      implements QueryOutcome {}
}
