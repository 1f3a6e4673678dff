package io.workflowresult.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The simulated Query Workflow Result API, without the HTTP server around it.
 *
 * <p>Every run ID is known. What a run does is fixed by a hash of its ID and the seed: its clock
 * starts when it is started ({@link #start}, for a workflow of the caller's choice or one drawn
 * from the hash), or else at its first answered query; it answers {@code PENDING} for the first
 * part of its run time, then {@code RUNNING}, then {@code SUCCEED} (about 85%) or {@code FAILED},
 * for one of five workflows, with a cost of exactly four decimals and a token count. The run time
 * is drawn from {@code --run-time} (uniform; queued for up to 30% of it), or, with {@link
 * WorkflowRunTimes}, log-normal around a median of the workflow's own after a time queued. Answers
 * carry consistent times: {@code startTime} = start + time queued, {@code endTime} = start + run
 * time, {@code workflowExecutionTime} = {@code endTime - startTime}. {@code PENDING} answers carry
 * no {@code startTime}; {@code PENDING} and {@code RUNNING} answers carry no {@code endTime},
 * {@code workflowExecutionTime}, {@code totalCost} or {@code totalTokens}, and an empty {@code
 * output}. {@code FAILED} answers have an empty {@code output} and an extra {@code errorMessage}
 * field (clients must keep unknown fields).
 *
 * <p>Special ID prefixes, for tests and the demo:
 *
 * <ul>
 *   <li>{@code unknown-}: 404 {@code {"error": {"code": "WORKFLOW_RUN_NOT_FOUND", ...}}}
 *   <li>{@code malformed-}: 200 with a body that lacks {@code status}
 *   <li>{@code mismatch-}: a terminal answer naming another run ID
 *   <li>{@code weird-}: status {@code CANCELLED} from the first query
 *   <li>{@code huge-}: a terminal {@code output} with a text of the size the ID names ({@code
 *       huge-512kb-1}, {@code huge-70mb-1}, {@code huge-100b-1}; 2 MiB otherwise; at most 256 MiB)
 *   <li>{@code slow-}: every answer delayed by the duration the ID names ({@code slow-15s-1}) or
 *       {@code slowDelay} (30 s by default); no thread waits meanwhile
 *   <li>{@code pending-}: {@code PENDING} forever
 *   <li>{@code error-}: 500 on every request
 *   <li>{@code flaky-}: 503 to the first requests (as many as the ID names, {@code flaky-3-x}; else
 *       2), then as a normal run
 *   <li>{@code late-}: 404 to the first requests (as many as the ID names, {@code late-2-x}; else
 *       1), then as a normal run whose clock starts at its first visible answer
 * </ul>
 *
 * <p>Request handling, in order: a wrong or missing key when one is set gives 401; a body without
 * {@code workflowRunId} gives 400; the rate-limit window (when set) gives 429 past its limit; then
 * the injected faults, drawn from a hash of the seed, the ID and the request's number for that ID
 * (so a rerun with the same seed and order per run meets the same faults): 429 with {@code
 * Retry-After} ({@code throttleRetryAfter}) at {@code throttleRate}, 500 or 503 at {@code
 * errorRate}; then the run's answer, held back or cut mid-body as {@link ConnectionFaults} says
 * (set at run time). A run not started before has its clock started by the first request that
 * reaches the run's answer.
 */
public final class Simulator {
  private static final long FAULT_SALT = 0x5DEECE66DL;
  private static final long DEFAULT_THROTTLE_LIMIT = 1000;

  private final SimulatorOptions options;
  private final RunPlanner planner;
  private final RunBook book = new RunBook();
  private final StatsRecorder stats = new StatsRecorder();
  private final RequestLog requestLog = new RequestLog();
  private final Optional<RateWindow> rateWindow;
  private volatile byte[] expectedAuthorization;
  private volatile double errorRate;
  private volatile ConnectionFaults connectionFaults = ConnectionFaults.NONE;

  public Simulator(SimulatorOptions options) {
    this.options = options;
    this.planner =
        new RunPlanner(
            options.seed(), options.runTime(), options.slowDelay(), options.workflowRunTimes());
    this.rateWindow = options.rateLimit().map(RateWindow::new);
    this.expectedAuthorization = authorizationOf(options.apiKey().orElse(null));
    this.errorRate = options.errorRate();
  }

  private static byte[] authorizationOf(String key) {
    return key == null || key.isEmpty() ? null : ("Bearer " + key).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * From now on, accepts only {@code key} ({@code null}: every request), as after a key rotation.
   */
  public void acceptKey(String key) {
    this.expectedAuthorization = authorizationOf(key);
  }

  /** From now on, answers this share of requests 500 or 503 (an outage starting or ending). */
  public void errorRate(double rate) {
    if (!(rate >= 0.0 && rate + options.throttleRate() <= 1.0)) {
      throw new IllegalArgumentException("error-rate + throttle-rate must be within 0.0..1.0");
    }
    this.errorRate = rate;
  }

  /** From now on, holds back or cuts run answers as {@code faults} says. */
  public void connectionFaults(ConnectionFaults faults) {
    this.connectionFaults = faults;
  }

  /** Every API request since start or the last reset, in order of arrival. */
  public List<LoggedRequest> requestLog() {
    return requestLog.snapshot().stream()
        .sorted(java.util.Comparator.comparingLong(LoggedRequest::arrivedAtMs))
        .toList();
  }

  /**
   * {@link #requestLog()} as text, one request a line: {@code arrivedAtMs answeredAtMs httpStatus
   * runStatus runId} ({@code -} for a missing run status or run ID).
   */
  public byte[] requestLogText() {
    return RequestLog.text(requestLog());
  }

  RequestLog requestLogSink() {
    return requestLog;
  }

  /** What the run will finish with (or why it never will), without starting its clock. */
  public SimulatedRun expectedTerminal(String runId) {
    return planner.plan(runId, book.workflow(runId));
  }

  /** When the run was first answered, or empty before that. */
  public OptionalLong firstQueryAt(String runId) {
    return book.firstQueryAt(runId);
  }

  /** When the run's clock started (its start, else its first answered query), or empty. */
  public OptionalLong startedAt(String runId) {
    return book.clockStart(runId);
  }

  /** One run as {@link #start} left it. */
  public record StartedRun(String workflowRunId, String workflowId, long startedAt) {}

  /**
   * Starts the runs now: their clocks run from this moment, whether they are asked about or not. A
   * run started or answered before keeps its start and its workflow.
   *
   * @param workflowId the catalog workflow the runs belong to; empty: each run's own (from its
   *     hash)
   * @throws IllegalArgumentException when {@code workflowId} is not in {@link Workflow#CATALOG}
   */
  public List<StartedRun> start(List<String> runIds, Optional<String> workflowId) {
    Optional<Workflow> workflow = workflowId.map(Simulator::workflowNamed);
    long now = options.clock().millis();
    return runIds.stream()
        .map(
            id -> {
              long startedAt = book.start(id, now, workflow);
              return new StartedRun(id, expectedTerminal(id).workflow().id(), startedAt);
            })
        .toList();
  }

  private static Workflow workflowNamed(String id) {
    return Workflow.CATALOG.stream()
        .filter(w -> w.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no workflow " + id + " in the catalog"));
  }

  /** What the API endpoint has been asked since start or the last reset. */
  public SimulatorStats stats() {
    return stats.snapshot(book.runsSinceReset());
  }

  /** Requests that named the run since start or the last reset. */
  public long requestsFor(String runId) {
    return book.requestsSinceReset(runId);
  }

  /** Request counts of every run asked about since start or the last reset. */
  public Map<String, Long> requestsByRun() {
    return book.requestsByRunSinceReset();
  }

  /** Zeroes the statistics; runs keep their clocks and their fates. */
  public void resetStats() {
    stats.reset();
    requestLog.clear();
    book.resetCounts();
  }

  StatsRecorder recorder() {
    return stats;
  }

  byte[] truthJson(String runId) {
    return RunJson.truth(expectedTerminal(runId), book.firstQueryAt(runId), book.clockStart(runId));
  }

  /** Answers one API request, given its {@code Authorization} header (or null) and body. */
  SimAnswer answer(String authorization, byte[] body) {
    if (!authorized(authorization)) {
      return SimAnswer.error(
              401,
              "UNAUTHORIZED",
              "missing or invalid API key",
              Map.of("WWW-Authenticate", "Bearer"))
          .delayedBy(latency(0));
    }
    Optional<String> runId = RunIdRequest.runId(body);
    if (runId.isEmpty()) {
      return SimAnswer.error(
          400, "INVALID_REQUEST", "body must be {\"workflowRunId\": \"...\"}", Map.of());
    }
    String id = runId.get();
    int n = book.countRequest(id);
    long faultHash = Hashes.then(Hashes.of(options.seed() ^ FAULT_SALT, id), n);
    SimAnswer answer =
        answerRun(id, n, faultHash, options.clock().millis()).delayedBy(latency(faultHash));
    return connectionFaults.apply(answer, faultHash);
  }

  private SimAnswer answerRun(String runId, int n, long faultHash, long now) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (rateWindow.isPresent()) {
      RateWindow.Take take = rateWindow.get().take(now);
      rateLimitHeaders(headers, take.limit(), take.remaining(), take.resetEpochSeconds());
      if (take.exceeded()) {
        headers.put("Retry-After", Long.toString(take.retryAfterSeconds(now)));
        return SimAnswer.error(429, "RATE_LIMIT_EXCEEDED", "rate limit exceeded", headers);
      }
    }
    double draw = Hashes.unit(faultHash);
    if (draw < options.throttleRate()) {
      long limit = options.rateLimit().map(RateLimitSpec::limit).orElse(DEFAULT_THROTTLE_LIMIT);
      long retryAfter = Math.max(1, (options.throttleRetryAfter().toMillis() + 999) / 1000);
      rateLimitHeaders(headers, limit, 0, Math.floorDiv(now, 1000) + retryAfter);
      headers.put("Retry-After", Long.toString(retryAfter));
      return SimAnswer.error(429, "TOO_MANY_REQUESTS", "too many requests", headers);
    }
    if (draw < options.throttleRate() + errorRate) {
      return (faultHash & 1) == 0
          ? SimAnswer.error(500, "INTERNAL_ERROR", "internal error", headers)
          : SimAnswer.error(503, "SERVICE_UNAVAILABLE", "service unavailable", headers);
    }
    return answerKnownRun(expectedTerminal(runId), n, now, headers);
  }

  private SimAnswer answerKnownRun(SimulatedRun run, int n, long now, Map<String, String> headers) {
    if (n < run.refusals()) {
      return run.kind() == RunKind.LATE
          ? notFound(run, headers)
          : SimAnswer.error(503, "SERVICE_UNAVAILABLE", "service unavailable", headers);
    }
    switch (run.kind()) {
      case UNKNOWN:
        return SimAnswer.error(
            404, "WORKFLOW_RUN_NOT_FOUND", "workflow run " + run.runId() + " not found", headers);
      case ALWAYS_ERROR:
        return SimAnswer.error(500, "INTERNAL_ERROR", "internal error", headers);
      case MALFORMED:
        book.startClock(run.runId(), now);
        return new SimAnswer(200, headers, RunJson.malformed(run), 0, null);
      default:
        long first = book.startClock(run.runId(), now);
        String status = run.statusAfter(now - first);
        byte[] body = RunJson.answer(run, status, first);
        return new SimAnswer(200, headers, body, run.answerDelay().toMillis(), status);
    }
  }

  private static SimAnswer notFound(SimulatedRun run, Map<String, String> headers) {
    return SimAnswer.error(
        404, "WORKFLOW_RUN_NOT_FOUND", "workflow run " + run.runId() + " not found", headers);
  }

  private boolean authorized(String authorization) {
    if (expectedAuthorization == null) {
      return true;
    }
    return authorization != null
        && MessageDigest.isEqual(
            expectedAuthorization, authorization.trim().getBytes(StandardCharsets.UTF_8));
  }

  private long latency(long hash) {
    return options.latency().pickMillis(Hashes.then(hash, -7));
  }

  private static void rateLimitHeaders(
      Map<String, String> headers, long limit, long remaining, long reset) {
    headers.put("X-RateLimit-Limit", Long.toString(limit));
    headers.put("X-RateLimit-Remaining", Long.toString(remaining));
    headers.put("X-RateLimit-Reset", Long.toString(reset));
  }
}
