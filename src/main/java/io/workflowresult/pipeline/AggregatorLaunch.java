package io.workflowresult.pipeline;

import io.workflowresult.aggregate.CostAggregator;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Builds the aggregator and starts it on a thread of its own, beside the topic checks and the start
 * of intake and the resolver, so that a restart waits for the longer of the two paths instead of
 * their sum: building Kafka Streams takes about a second, and on a restart {@link
 * CostAggregator#start()} opens every store found in {@code state.dir} before it returns (seconds
 * with several tasks), while the loops' clients and the API client take a second or two of their
 * own. Streams is started only once the topics exist ({@link #topicsReady()}), since a source topic
 * missing at its first rebalance stops it.
 */
final class AggregatorLaunch {
  private final CompletableFuture<Void> topics = new CompletableFuture<>();
  private final CompletableFuture<CostAggregator> built = new CompletableFuture<>();
  private final CompletableFuture<CostAggregator> started = new CompletableFuture<>();

  private AggregatorLaunch(Supplier<CostAggregator> build) {
    Thread thread = new Thread(() -> buildThenStart(build), "aggregator-start");
    thread.setDaemon(true);
    thread.start();
  }

  private void buildThenStart(Supplier<CostAggregator> build) {
    CostAggregator aggregator;
    try {
      aggregator = build.get();
    } catch (RuntimeException | Error e) {
      built.completeExceptionally(e);
      started.completeExceptionally(e);
      return;
    }
    built.complete(aggregator);
    try {
      topics.join();
      aggregator.start();
      started.complete(aggregator);
    } catch (RuntimeException | Error e) {
      started.completeExceptionally(e);
    }
  }

  /** Begins building the aggregator with {@code build} at once. */
  static AggregatorLaunch begin(Supplier<CostAggregator> build) {
    return new AggregatorLaunch(build);
  }

  /** The topics exist: the aggregator may start. */
  void topicsReady() {
    topics.complete(null);
  }

  /**
   * Waits until the aggregator is built and started.
   *
   * @throws Exception what building or starting it threw
   */
  CostAggregator awaitStarted() throws Exception {
    try {
      return started.get();
    } catch (ExecutionException e) {
      throw unwrapped(e.getCause());
    }
  }

  /**
   * Start-up failed elsewhere: the aggregator is not started, or closed at once if it already was.
   */
  void abandon() {
    topics.cancel(false);
    try {
      built.join().close(Duration.ZERO);
    } catch (CompletionException | java.util.concurrent.CancellationException e) {
      // it was never built: nothing to close
    }
  }

  private static Exception unwrapped(Throwable cause) {
    if (cause instanceof Error error) {
      throw error;
    }
    return cause instanceof Exception e ? e : new IllegalStateException(cause);
  }
}
