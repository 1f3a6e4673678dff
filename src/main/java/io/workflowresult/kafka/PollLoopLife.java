package io.workflowresult.kafka;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;

/**
 * The life of a poll loop that owns a consumer and a producer on a thread of its own (intake's and
 * the resolver's loops): it runs until asked to stop, records an unexpected error instead of
 * letting it escape its thread, always closes its clients, and lets other threads ask whether it
 * still runs, why it stopped, and wait for it to stop.
 */
public final class PollLoopLife {
  /** Beyond the loop's own stop timeout: time to close its clients. */
  private static final Duration CLOSE_MARGIN = Duration.ofSeconds(30);

  private final String name;
  private final Logger log;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean stopRequested;
  private volatile Throwable failure;

  /**
   * @param name how log lines name the loop, e.g. {@code "intake"}
   * @param log the loop's own logger
   */
  public PollLoopLife(String name, Logger log) {
    this.name = name;
    this.log = log;
  }

  /**
   * Runs {@code body} on the calling thread; whatever happens, then closes {@code consumer} and
   * {@code producer} and marks the loop stopped.
   */
  public void run(Runnable body, Consumer<?, ?> consumer, Producer<?, ?> producer) {
    try {
      body.run();
    } catch (RuntimeException | Error e) {
      failure = e;
      log.error("{} stopped on an unexpected error: {}", name, e.toString(), e);
    } finally {
      try {
        consumer.close();
      } catch (RuntimeException e) {
        log.warn("closing the {} consumer failed: {}", name, e.toString());
      }
      try {
        producer.close(Duration.ofSeconds(10));
      } catch (RuntimeException e) {
        log.warn("closing the {} producer failed: {}", name, e.toString());
      }
      stopped.countDown();
    }
  }

  /** Whether a stop was asked for: the loop's body ends its work and returns. */
  public boolean stopRequested() {
    return stopRequested;
  }

  /**
   * Asks the loop to stop and waits until it has, at most {@code timeout} plus a margin for closing
   * its clients.
   *
   * @return whether it stopped in that time
   */
  public boolean stop(Duration timeout) {
    stopRequested = true;
    try {
      return stopped.await(timeout.plus(CLOSE_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Whether the loop still runs. */
  public boolean isRunning() {
    return stopped.getCount() > 0;
  }

  /** Why the loop stopped on its own, if it did. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }
}
