package io.workflowresult.api;

import io.workflowresult.api.QueryOutcome.TransientKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Turns an HTTP answer, or the failure to get one, into exactly one {@link QueryOutcome}.
 *
 * <ul>
 *   <li>2xx: the body must be a run object naming the run, with a string {@code status} — {@code
 *       SUCCEED}/{@code FAILED} → {@code Terminal}, {@code PENDING}/{@code RUNNING} → {@code
 *       NotYet} (with the run's workflow and start, and a {@code Retry-After} when one came), any
 *       other → {@code UnexpectedStatus}; otherwise {@code Malformed}. A body over {@code
 *       api.max-response-bytes} → {@code TooLarge} (reading stops there).
 *   <li>404 → {@code NotFound}; 401, 403 → {@code Unauthorized}; 429 → {@code Transient THROTTLED};
 *       5xx → {@code Transient SERVER_ERROR}; any other status (1xx, 3xx, 400, 418...) → {@code
 *       Malformed} whose detail names the status.
 *   <li>No answer: a timeout → {@code Transient TIMEOUT}; any other failure → {@code Transient
 *       IO_ERROR}.
 * </ul>
 */
final class AnswerClassifier {

  private final RunObjectReader reader;
  private final long maxResponseBytes;
  private final Clock clock;
  private final String authority;

  /**
   * @param authority {@code host:port} of the API, named when it cannot be reached
   */
  AnswerClassifier(long maxPayloadBytes, long maxResponseBytes, String authority, Clock clock) {
    this.authority = authority;
    this.reader = new RunObjectReader(maxPayloadBytes);
    this.maxResponseBytes = maxResponseBytes;
    this.clock = clock;
  }

  /** Classifies an answer, reading its body; {@code expired} tells a deadline from an I/O error. */
  QueryOutcome answer(
      String runId, int status, HttpHeaders headers, InputStream body, BooleanSupplier expired) {
    RateLimit rateLimit = RateLimitHeaders.rateLimit(headers);
    try {
      if (status >= 200 && status < 300) {
        return run(runId, status, rateLimit, headers, body);
      }
      return error(runId, status, rateLimit, headers, ErrorBody.read(body));
    } catch (BoundedBodyStream.TooLargeException e) {
      return new QueryOutcome.TooLarge(runId, maxResponseBytes, status, rateLimit);
    } catch (IOException e) {
      return failure(runId, e, expired.getAsBoolean(), status, rateLimit);
    }
  }

  /** Classifies a query that got no (complete) answer. */
  QueryOutcome failure(String runId, Throwable error, boolean expired) {
    return failure(runId, error, expired, 0, RateLimit.NONE);
  }

  private QueryOutcome failure(
      String runId, Throwable error, boolean expired, int status, RateLimit rateLimit) {
    boolean timeout =
        expired
            || error instanceof HttpTimeoutException
            || error instanceof java.net.SocketTimeoutException;
    String detail =
        timeout
            ? "no answer within the timeout"
            : error instanceof IOException || error instanceof CancellationException
                ? "I/O error: " + describe(error)
                : "unexpected failure: " + describe(error);
    return new QueryOutcome.Transient(
        runId,
        timeout ? TransientKind.TIMEOUT : TransientKind.IO_ERROR,
        Optional.empty(),
        detail,
        Optional.empty(),
        status,
        rateLimit);
  }

  private QueryOutcome run(
      String runId, int status, RateLimit rateLimit, HttpHeaders headers, InputStream body)
      throws IOException {
    if (headers.firstValueAsLong("Content-Length").orElse(0) > maxResponseBytes) {
      return new QueryOutcome.TooLarge(runId, maxResponseBytes, status, rateLimit);
    }
    BoundedBodyStream bounded =
        new BoundedBodyStream(body, maxResponseBytes, ErrorBody.MAX_TEXT_BYTES + 4);
    RunObjectReader.RunAnswer answer;
    try {
      answer = reader.read(bounded);
    } catch (RunObjectReader.NotAnObjectException e) {
      return malformed(runId, e.getMessage(), bounded.prefix(), status, rateLimit);
    }
    byte[] runObject = answer.runObject();
    if (answer.status().isEmpty()) {
      return malformed(runId, "the answer has no string status", runObject, status, rateLimit);
    }
    if (answer.workflowRunId().isEmpty()) {
      return malformed(
          runId, "the answer has no string workflowRunId", runObject, status, rateLimit);
    }
    String named = answer.workflowRunId().get();
    if (!named.equals(runId)) {
      return malformed(
          runId,
          "the answer names another run: " + ErrorBody.oneLine(named),
          runObject,
          status,
          rateLimit);
    }
    String runStatus = answer.status().get();
    return switch (runStatus) {
      case "SUCCEED", "FAILED" ->
          new QueryOutcome.Terminal(
              runId,
              runStatus,
              runObject,
              answer.truncated(),
              answer.totalCost(),
              Optional.of(answer.times()),
              status,
              rateLimit);
      case "PENDING", "RUNNING" ->
          new QueryOutcome.NotYet(
              runId,
              runStatus,
              answer.workflowId(),
              answer.workflowVersion(),
              answer.startTime(),
              RateLimitHeaders.retryAfter(headers, rateLimit, clock, false),
              status,
              rateLimit);
      default ->
          new QueryOutcome.UnexpectedStatus(
              runId, runStatus, Optional.of(ErrorBody.cappedText(runObject)), status, rateLimit);
    };
  }

  private QueryOutcome error(
      String runId, int status, RateLimit rateLimit, HttpHeaders headers, ErrorBody body) {
    String detail = body.detailOr("HTTP " + status);
    return switch (status) {
      case 404 -> new QueryOutcome.NotFound(runId, detail, body.text(), status, rateLimit);
      case 401, 403 -> new QueryOutcome.Unauthorized(runId, detail, body.text(), status, rateLimit);
      case 429 -> transientError(runId, TransientKind.THROTTLED, status, rateLimit, headers, body);
      default ->
          status >= 500 && status < 600
              ? transientError(runId, TransientKind.SERVER_ERROR, status, rateLimit, headers, body)
              : new QueryOutcome.Malformed(
                  runId,
                  "unexpected HTTP status "
                      + status
                      + body.detail().map(d -> " (" + d + ")").orElse(""),
                  body.text(),
                  status,
                  rateLimit);
    };
  }

  private QueryOutcome transientError(
      String runId,
      TransientKind kind,
      int status,
      RateLimit rateLimit,
      HttpHeaders headers,
      ErrorBody body) {
    return new QueryOutcome.Transient(
        runId,
        kind,
        RateLimitHeaders.retryAfter(headers, rateLimit, clock, kind == TransientKind.THROTTLED),
        body.detailOr("HTTP " + status),
        body.text(),
        status,
        rateLimit);
  }

  private static QueryOutcome malformed(
      String runId, String detail, byte[] body, int status, RateLimit rateLimit) {
    Optional<String> text =
        body.length == 0 ? Optional.empty() : Optional.of(ErrorBody.cappedText(body));
    return new QueryOutcome.Malformed(runId, detail, text, status, rateLimit);
  }

  private String describe(Throwable error) {
    for (Throwable c = error; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof java.net.ConnectException) {
        String why = rootMessage(c);
        return c.getClass().getSimpleName()
            + ": cannot connect to "
            + authority
            // the JDK client's ConnectException carries no message: refused is what it means
            + " ("
            + (why.isEmpty() ? "connection refused" : why)
            + ")";
      }
    }
    String message = error.getMessage();
    return error.getClass().getSimpleName()
        + (message == null ? "" : ": " + ErrorBody.oneLine(message));
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? "" : ErrorBody.oneLine(root.getMessage());
  }
}
