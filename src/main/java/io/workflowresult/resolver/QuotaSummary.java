package io.workflowresult.resolver;

import io.workflowresult.api.QueryOutcome;
import io.workflowresult.deadletter.DeadLetterReason;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How well the quota is spent: requests per resolved run, and the time from a run's first query to
 * its result. Wraps the service's {@link ResolverMetrics} (everything is passed on), keeps {@link
 * ResolverMetrics#requestsPerResolvedRun} current (since start) and logs one INFO line per {@code
 * interval} in which anything happened:
 *
 * <pre>
 * quota: 1200 requests, 310 runs resolved, 3.87 requests per resolved run, first query → result
 * p50 4.1 s, p99 9.8 s (since start: 5400 requests, 1400 resolved, 3.86 per run)
 * </pre>
 *
 * Requests count every answer, including those that were conditions of the instance (429, a refused
 * key) and those of runs that ended as dead letters: it is the quota's real price of a result.
 * Called on the resolver's poll thread only.
 */
public final class QuotaSummary implements ResolverMetrics {
  private static final Logger log = LoggerFactory.getLogger(QuotaSummary.class);
  private static final int MAX_SAMPLES = 100_000;

  private final ResolverMetrics next;
  private final long intervalNanos;
  private final LongSupplier nanoClock;
  private long windowStart;
  private long requests;
  private long resolved;
  private long totalRequests;
  private long totalResolved;
  private long[] samples = new long[1024];
  private int sampleCount;

  public QuotaSummary(ResolverMetrics next, Duration interval) {
    this(next, interval, System::nanoTime);
  }

  QuotaSummary(ResolverMetrics next, Duration interval, LongSupplier nanoClock) {
    this.next = next;
    this.intervalNanos = interval.toNanos();
    this.nanoClock = nanoClock;
    this.windowStart = nanoClock.getAsLong();
  }

  @Override
  public void queried(QueryOutcome.Kind outcome) {
    requests++;
    totalRequests++;
    next.queried(outcome);
    reportRatio();
    maybeLog();
  }

  @Override
  public void resolved(Duration sinceFirstQuery) {
    resolved++;
    totalResolved++;
    if (sampleCount < MAX_SAMPLES) {
      if (sampleCount == samples.length) {
        samples = Arrays.copyOf(samples, samples.length * 2);
      }
      samples[sampleCount++] = sinceFirstQuery.toMillis();
    }
    next.resolved(sinceFirstQuery);
    reportRatio();
    maybeLog();
  }

  /** The line for the current interval, and starts the next one. */
  String summarize() {
    long[] sorted = Arrays.copyOf(samples, sampleCount);
    Arrays.sort(sorted);
    String line =
        String.format(
            java.util.Locale.ROOT,
            "quota: %d requests, %d runs resolved, %s requests per resolved run, first query →"
                + " result p50 %s, p99 %s (since start: %d requests, %d resolved, %s per run)",
            requests,
            resolved,
            ratio(requests, resolved),
            percentile(sorted, 0.50),
            percentile(sorted, 0.99),
            totalRequests,
            totalResolved,
            ratio(totalRequests, totalResolved));
    requests = 0;
    resolved = 0;
    sampleCount = 0;
    windowStart = nanoClock.getAsLong();
    return line;
  }

  private void maybeLog() {
    if (nanoClock.getAsLong() - windowStart < intervalNanos) {
      return;
    }
    log.info(summarize());
  }

  private void reportRatio() {
    if (totalResolved > 0) {
      next.requestsPerResolvedRun((double) totalRequests / totalResolved);
    }
  }

  private static String ratio(long a, long b) {
    return b == 0 ? "-" : String.format(java.util.Locale.ROOT, "%.2f", (double) a / b);
  }

  private static String percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return "-";
    }
    int i = (int) Math.ceil(sorted.length * p) - 1;
    return String.format(java.util.Locale.ROOT, "%.1f s", sorted[Math.max(0, i)] / 1000.0);
  }

  // --- passed on unchanged ---------------------------------------------------------------

  @Override
  public void delayedWaiting(int count) {
    next.delayedWaiting(count);
  }

  @Override
  public void oldestWaitingAge(Duration age) {
    next.oldestWaitingAge(age);
  }

  @Override
  public void deadLettered(DeadLetterReason reason) {
    next.deadLettered(reason);
  }

  @Override
  public void coalesced(int count) {
    next.coalesced(count);
  }

  @Override
  public void overdue(int count) {
    next.overdue(count);
  }

  @Override
  public void uncommittedOffsets(long count) {
    next.uncommittedOffsets(count);
  }

  @Override
  public void requestsPerResolvedRun(double ratio) {
    next.requestsPerResolvedRun(ratio);
  }
}
