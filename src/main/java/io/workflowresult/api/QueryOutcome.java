package io.workflowresult.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The classified answer to one query of a run's result. Exactly one type per kind of answer, and
 * {@link #kind()} names it, so that callers route with one exhaustive {@code switch} over {@link
 * Kind} (a {@code switch} expression over an enum fails to compile when a constant has no branch;
 * pattern matching over the sealed types is not available in Java 17). Every outcome carries the
 * rate-limit headers of its answer ({@link RateLimit#NONE} when there was no answer) and the HTTP
 * status ({@code 0} when there was no answer).
 */
public sealed interface QueryOutcome {

  /** The kind of an answer: one constant per type of {@link QueryOutcome}. */
  enum Kind {
    TERMINAL,
    NOT_YET,
    TRANSIENT,
    NOT_FOUND,
    UNAUTHORIZED,
    MALFORMED,
    UNEXPECTED_STATUS,
    TOO_LARGE;

    /** The name in metric labels and log lines: {@code terminal}, {@code not_yet}, ... */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Which of the types below this is. */
  Kind kind();

  String runId();

  int httpStatus();

  RateLimit rateLimit();

  /**
   * {@code SUCCEED} or {@code FAILED}. {@code runObject} is the API's run object as UTF-8 JSON,
   * every field kept (unknown ones too); when {@code truncated}, {@code input} and {@code output}
   * were dropped because they exceeded {@code api.max-payload-bytes}. {@code totalCost} is read
   * exactly (empty when the answer had none). {@code times} are the run object's times as the
   * client read them with the rest; empty when the outcome was made without reading them (the run
   * object then still holds them).
   */
  record Terminal(
      String runId,
      String status,
      byte[] runObject,
      boolean truncated,
      Optional<BigDecimal> totalCost,
      Optional<RunTimes> times,
      int httpStatus,
      RateLimit rateLimit)
      implements QueryOutcome {

    /** A terminal answer whose times were not read apart from its run object. */
    public Terminal(
        String runId,
        String status,
        byte[] runObject,
        boolean truncated,
        Optional<BigDecimal> totalCost,
        int httpStatus,
        RateLimit rateLimit) {
      this(runId, status, runObject, truncated, totalCost, Optional.empty(), httpStatus, rateLimit);
    }

    @Override
    public Kind kind() {
      return Kind.TERMINAL;
    }
  }

  /**
   * {@code PENDING} or {@code RUNNING}: ask again later. What the answer says that the re-query
   * schedule uses: the run object's {@code workflowId}, {@code workflowVersion} and {@code
   * startTime} (a {@code PENDING} run has none yet), and {@code retryAfter}, a {@code Retry-After}
   * the API sent with it (relative to when the answer arrived), never sooner to be asked again.
   */
  record NotYet(
      String runId,
      String status,
      Optional<String> workflowId,
      Optional<String> workflowVersion,
      OptionalLong startTime,
      Optional<Duration> retryAfter,
      int httpStatus,
      RateLimit rateLimit)
      implements QueryOutcome {

    /** An answer that names nothing the schedule uses. */
    public NotYet(String runId, String status, int httpStatus, RateLimit rateLimit) {
      this(
          runId,
          status,
          Optional.empty(),
          Optional.empty(),
          OptionalLong.empty(),
          Optional.empty(),
          httpStatus,
          rateLimit);
    }

    @Override
    public Kind kind() {
      return Kind.NOT_YET;
    }
  }

  /** Why a {@link Transient} answer failed. */
  enum TransientKind {
    TIMEOUT,
    IO_ERROR,
    SERVER_ERROR,
    THROTTLED
  }

  /**
   * A failure that may pass: timeout, I/O error, 5xx, or 429 ({@code failure} says which). {@code
   * retryAfter} is the wait the server announced ({@code Retry-After} in seconds or HTTP-date form,
   * else {@code X-RateLimit-Reset}), relative to when the answer arrived.
   */
  record Transient(
      String runId,
      TransientKind failure,
      Optional<Duration> retryAfter,
      String detail,
      Optional<String> errorBody,
      int httpStatus,
      RateLimit rateLimit)
      implements QueryOutcome {
    @Override
    public Kind kind() {
      return Kind.TRANSIENT;
    }
  }

  /** 404: the API does not know the run (yet). */
  record NotFound(
      String runId, String detail, Optional<String> errorBody, int httpStatus, RateLimit rateLimit)
      implements QueryOutcome {
    @Override
    public Kind kind() {
      return Kind.NOT_FOUND;
    }
  }

  /** 401 or 403: the key is refused. A condition of the instance, never of the run. */
  record Unauthorized(
      String runId, String detail, Optional<String> errorBody, int httpStatus, RateLimit rateLimit)
      implements QueryOutcome {
    @Override
    public Kind kind() {
      return Kind.UNAUTHORIZED;
    }
  }

  /**
   * A 2xx answer that is not JSON, lacks {@code status} or {@code workflowRunId}, or names another
   * run; or any other status code the client does not classify otherwise.
   */
  record Malformed(
      String runId, String detail, Optional<String> errorBody, int httpStatus, RateLimit rateLimit)
      implements QueryOutcome {
    @Override
    public Kind kind() {
      return Kind.MALFORMED;
    }
  }

  /** A well-formed answer whose {@code status} is none of the four known ones. */
  record UnexpectedStatus(
      String runId, String status, Optional<String> errorBody, int httpStatus, RateLimit rateLimit)
      implements QueryOutcome {
    @Override
    public Kind kind() {
      return Kind.UNEXPECTED_STATUS;
    }
  }

  /** The body exceeded {@code api.max-response-bytes}; reading stopped there. */
  record TooLarge(String runId, long limitBytes, int httpStatus, RateLimit rateLimit)
      implements QueryOutcome {
    @Override
    public Kind kind() {
      return Kind.TOO_LARGE;
    }
  }
}
