package io.workflowresult.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * SIGTERM (or Ctrl-C) as something the main thread waits for. The JVM's shutdown hook only asks to
 * stop, then waits until the main thread has closed the pipeline (bounded), and halts with its exit
 * code, so a clean stop on SIGTERM exits 0 instead of 143.
 */
public interface ShutdownSignal {

  /** Blocks until a stop is requested. */
  void awaitStopRequest() throws InterruptedException;

  /**
   * Blocks until a stop is requested or {@code timeout} passes.
   *
   * @return whether a stop was requested
   */
  default boolean awaitStopRequest(Duration timeout) throws InterruptedException {
    awaitStopRequest();
    return true;
  }

  /** Called by the main thread when everything is closed. */
  void stopped(int exitCode);

  /** The signal of this JVM: a shutdown hook, installed on creation. */
  static ShutdownSignal ofJvm(Duration maxWaitForStop) {
    CountDownLatch requested = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    int[] code = {ExitCodes.FAILURE};
    Thread hook =
        new Thread(
            () -> {
              requested.countDown();
              try {
                if (done.await(maxWaitForStop.toMillis(), TimeUnit.MILLISECONDS)) {
                  Runtime.getRuntime().halt(code[0]);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "shutdown-signal");
    Runtime.getRuntime().addShutdownHook(hook);
    return of(
        requested,
        exitCode -> {
          code[0] = exitCode;
          done.countDown();
        });
  }

  /**
   * A signal that fires when {@code requested} reaches zero; {@code onStopped} receives the exit
   * code once everything is closed.
   */
  static ShutdownSignal of(CountDownLatch requested, IntConsumer onStopped) {
    return new ShutdownSignal() {
      @Override
      public void awaitStopRequest() throws InterruptedException {
        requested.await();
      }

      @Override
      public boolean awaitStopRequest(Duration timeout) throws InterruptedException {
        return requested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }

      @Override
      public void stopped(int exitCode) {
        onStopped.accept(exitCode);
      }
    };
  }
}
