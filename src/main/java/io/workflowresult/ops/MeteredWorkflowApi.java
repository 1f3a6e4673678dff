package io.workflowresult.ops;

import io.workflowresult.api.QueryOutcome;
import io.workflowresult.api.WorkflowApi;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A {@link WorkflowApi} that measures the one it wraps: answers by outcome, how long each took,
 * requests in flight, the last {@code X-RateLimit-Remaining}. (Whether the key works is the
 * resolver's gate's to say: see {@link Operations#watchApiKey}.)
 */
public final class MeteredWorkflowApi implements WorkflowApi {
  private final WorkflowApi delegate;
  private final PipelineMeters meters;
  private final AtomicLong inFlight = new AtomicLong();
  private final LongSupplier nanoTime;

  public MeteredWorkflowApi(WorkflowApi delegate, PipelineMeters meters) {
    this(delegate, meters, System::nanoTime);
  }

  /** For tests: the time source of request durations. */
  MeteredWorkflowApi(WorkflowApi delegate, PipelineMeters meters, LongSupplier nanoTime) {
    this.delegate = delegate;
    this.meters = meters;
    this.nanoTime = nanoTime;
  }

  @Override
  public CompletableFuture<QueryOutcome> query(String runId) {
    long sent = nanoTime.getAsLong();
    meters.requestsInFlight(inFlight.incrementAndGet());
    CompletableFuture<QueryOutcome> answer;
    try {
      answer = delegate.query(runId);
    } catch (RuntimeException | Error e) {
      meters.requestsInFlight(inFlight.decrementAndGet());
      throw e;
    }
    return answer.whenComplete(
        (outcome, failure) -> {
          meters.requestsInFlight(inFlight.decrementAndGet());
          if (outcome != null) {
            observe(outcome);
            meters
                .api()
                .request(outcome.kind().label(), Duration.ofNanos(nanoTime.getAsLong() - sent));
          }
        });
  }

  private void observe(QueryOutcome outcome) {
    meters.query(outcome.kind().label());
    outcome.rateLimit().remaining().ifPresent(meters::rateLimitRemaining);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
