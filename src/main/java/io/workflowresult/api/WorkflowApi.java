package io.workflowresult.api;

import java.util.concurrent.CompletableFuture;

/**
 * Queries a run's result. Implementations never complete the future exceptionally: every failure is
 * a {@link QueryOutcome} value. They do not limit concurrency; callers hold a permit around each
 * call.
 */
public interface WorkflowApi extends AutoCloseable {

  CompletableFuture<QueryOutcome> query(String runId);

  @Override
  default void close() {}
}
