package io.workflowresult.ops;

import io.workflowresult.api.QueryOutcome;
import io.workflowresult.api.WorkflowApi;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link WorkflowApi} that measures the one it wraps: answers by outcome, requests in flight, the
 * last {@code X-RateLimit-Remaining}. (Whether the key works is the resolver's gate's to say: see
 * {@link Operations#watchApiKey}.)
 */
public final class MeteredWorkflowApi implements WorkflowApi {
  private final WorkflowApi delegate;
  private final PipelineMeters meters;
  private final AtomicLong inFlight = new AtomicLong();

  public MeteredWorkflowApi(WorkflowApi delegate, PipelineMeters meters) {
    this.delegate = delegate;
    this.meters = meters;
  }

  @Override
  public CompletableFuture<QueryOutcome> query(String runId) {
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
