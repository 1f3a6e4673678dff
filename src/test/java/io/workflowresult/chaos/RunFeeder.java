package io.workflowresult.chaos;

import io.workflowresult.testing.e2e.PipelineFixture;
import io.workflowresult.testing.verify.GroundTruth;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Submits runs at a steady rate on a thread of its own (runs flowing while processes are stopped
 * and started), each recorded in the ground truth once the broker has acknowledged it (so that a
 * broker outage cannot drop a run before the service ever saw it), until {@link #close()} or {@code
 * max} runs.
 */
final class RunFeeder implements AutoCloseable {
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "run-feeder");
            t.setDaemon(true);
            return t;
          });
  private final AtomicInteger sent = new AtomicInteger();
  private final int max;

  RunFeeder(PipelineFixture f, GroundTruth truth, String prefix, int perSecond, int max) {
    this.max = max;
    long periodMicros = 1_000_000L / perSecond;
    timer.scheduleAtFixedRate(
        () -> {
          int n = sent.get();
          if (n >= max) {
            return;
          }
          f.submitAcknowledged(prefix + "-" + n, truth);
          sent.incrementAndGet();
        },
        0,
        periodMicros,
        TimeUnit.MICROSECONDS);
  }

  int sent() {
    return sent.get();
  }

  /** Waits (bounded) until all {@code max} runs are submitted. */
  void awaitAllSent(java.time.Duration timeout) {
    org.awaitility.Awaitility.await("all " + max + " runs submitted")
        .atMost(timeout)
        .pollInterval(java.time.Duration.ofMillis(200))
        .until(() -> sent.get() >= max);
  }

  @Override
  public void close() {
    stop();
  }

  /** Stops submitting; waits (bounded) for a submission under way. */
  void stop() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
