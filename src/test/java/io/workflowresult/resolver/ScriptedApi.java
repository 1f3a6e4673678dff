package io.workflowresult.resolver;

import io.workflowresult.api.QueryOutcome;
import io.workflowresult.api.QueryOutcome.TransientKind;
import io.workflowresult.api.RateLimit;
import io.workflowresult.api.WorkflowApi;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake {@link WorkflowApi} for resolver tests. A run's behaviour is named by its ID's prefix:
 * {@code done-} succeeds; {@code failed-} fails (terminal); {@code pending2-} is PENDING twice,
 * then RUNNING once, then succeeds; {@code forever-} is always RUNNING; {@code unknown-} is always
 * 404; {@code malformed-}, {@code weird-} (unknown status), {@code huge-} (too large); {@code
 * flaky-} always 503; {@code denied-} always 401. Answers come after {@code latencyMs} on another
 * thread. Records every request's time and the most requests ever in flight.
 */
final class ScriptedApi implements WorkflowApi {
  static final RateLimit RL = RateLimit.NONE;

  private final long latencyMs;
  private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
  private final Map<String, List<Long>> requests = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicInteger total = new AtomicInteger();
  final List<String> order = new CopyOnWriteArrayList<>();

  ScriptedApi(long latencyMs) {
    this.latencyMs = latencyMs;
  }

  static byte[] runObject(String runId, String status) {
    return ("{\"workflowRunId\":\""
            + runId
            + "\",\"status\":\""
            + status
            + "\",\"totalCost\":0.6928,\"totalTokens\":1745,\"extra\":{\"kept\":true}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public CompletableFuture<QueryOutcome> query(String runId) {
    int n;
    synchronized (this) {
      List<Long> times = requests.computeIfAbsent(runId, k -> new ArrayList<>());
      times.add(System.currentTimeMillis());
      n = times.size();
    }
    order.add(runId);
    total.incrementAndGet();
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    CompletableFuture<QueryOutcome> f = new CompletableFuture<>();
    QueryOutcome outcome = answer(runId, n);
    timer.schedule(
        () -> {
          inFlight.decrementAndGet();
          f.complete(outcome);
        },
        latencyMs,
        TimeUnit.MILLISECONDS);
    return f;
  }

  private static QueryOutcome answer(String runId, int n) {
    String kind = runId.substring(0, runId.indexOf('-') + 1);
    switch (kind) {
      case "done-":
        return terminal(runId, "SUCCEED");
      case "failed-":
        return terminal(runId, "FAILED");
      case "pending2-":
        if (n <= 2) {
          return new QueryOutcome.NotYet(runId, "PENDING", 200, RL);
        }
        return n == 3
            ? new QueryOutcome.NotYet(runId, "RUNNING", 200, RL)
            : terminal(runId, "SUCCEED");
      case "forever-":
        return new QueryOutcome.NotYet(runId, "RUNNING", 200, RL);
      case "unknown-":
        return new QueryOutcome.NotFound(
            runId, "no such run", Optional.of("{\"error\":{\"code\":404}}"), 404, RL);
      case "malformed-":
        return new QueryOutcome.Malformed(runId, "not JSON", Optional.of("<html>"), 200, RL);
      case "weird-":
        return new QueryOutcome.UnexpectedStatus(runId, "PAUSED", Optional.empty(), 200, RL);
      case "huge-":
        return new QueryOutcome.TooLarge(runId, 1024, 200, RL);
      case "flaky-":
        return new QueryOutcome.Transient(
            runId,
            TransientKind.SERVER_ERROR,
            Optional.empty(),
            "HTTP 503",
            Optional.of("busy"),
            503,
            RL);
      case "denied-":
        return new QueryOutcome.Unauthorized(runId, "HTTP 401", Optional.empty(), 401, RL);
      default:
        throw new IllegalArgumentException("no script for " + runId);
    }
  }

  private static QueryOutcome terminal(String runId, String status) {
    return new QueryOutcome.Terminal(
        runId,
        status,
        runObject(runId, status),
        false,
        Optional.of(new BigDecimal("0.6928")),
        200,
        RL);
  }

  List<Long> requestTimes(String runId) {
    synchronized (this) {
      return List.copyOf(requests.getOrDefault(runId, List.of()));
    }
  }

  int requests(String runId) {
    return requestTimes(runId).size();
  }

  int maxInFlight() {
    return maxInFlight.get();
  }

  int total() {
    return total.get();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
