package io.workflowresult.resolver;

import java.time.Clock;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * The cross-thread event pump: answers and producer acknowledgements arrive on other threads and
 * are queued here; the poll thread applies them between polls ({@link #drain}), or waits for them
 * while it must not poll — during a revocation and at shutdown ({@link #awaitUntil}).
 */
final class LoopEvents {
  /** Longest single wait, so that resends due meanwhile still go out. */
  private static final long MAX_WAIT_MS = 50;

  /** How the poll thread waits for the next event; a test moves its clock instead of waiting. */
  @FunctionalInterface
  interface Wait {
    Wait REAL_TIME = (events, maxMs) -> events.poll(maxMs, TimeUnit.MILLISECONDS);

    /** The next event, waiting at most {@code maxMs} for one; {@code null} when none came. */
    LoopEvent next(BlockingQueue<LoopEvent> events, long maxMs) throws InterruptedException;
  }

  private final LinkedBlockingQueue<LoopEvent> queue = new LinkedBlockingQueue<>();
  private final Wait wait;
  private final Clock clock;

  LoopEvents(Wait wait, Clock clock) {
    this.wait = wait;
    this.clock = clock;
  }

  /** Queues an event; any thread. */
  void add(LoopEvent event) {
    queue.add(event);
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  /** Applies every event queued now. */
  void drain(LoopEvent.Handler handler) {
    LoopEvent event;
    while ((event = queue.poll()) != null) {
      event.applyTo(handler);
    }
  }

  /**
   * Applies events as they come until {@code done} or {@code deadlineMs}, running {@code
   * beforeEachWait} (with the time) before each wait.
   */
  void awaitUntil(
      BooleanSupplier done,
      long deadlineMs,
      LongConsumer beforeEachWait,
      LoopEvent.Handler handler) {
    while (!done.getAsBoolean()) {
      long now = clock.millis();
      if (now >= deadlineMs) {
        return;
      }
      beforeEachWait.accept(now);
      try {
        LoopEvent event = wait.next(queue, Math.min(MAX_WAIT_MS, deadlineMs - now));
        if (event != null) {
          event.applyTo(handler);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
