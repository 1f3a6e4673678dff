package io.workflowresult.resolver;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * At most {@code limit} requests in flight. A permit is taken before the call and released when its
 * future completes, or at once when the call throws instead of returning one. Never blocks: when no
 * permit is free, {@link #tryCall} returns empty and the caller keeps its work for later.
 */
public final class InFlightLimiter {
  private final int limit;
  private final Semaphore permits;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger highWater = new AtomicInteger();

  public InFlightLimiter(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be ≥ 1");
    }
    this.limit = limit;
    this.permits = new Semaphore(limit);
  }

  /**
   * Runs {@code call} under a permit; empty when none is free. When {@code call} throws, the permit
   * is released and the future returned is the one {@code onThrow} makes of the exception.
   */
  public <T> Optional<CompletableFuture<T>> tryCall(
      Supplier<CompletableFuture<T>> call, Function<RuntimeException, T> onThrow) {
    if (!permits.tryAcquire()) {
      return Optional.empty();
    }
    highWater.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    CompletableFuture<T> future;
    try {
      future = call.get();
    } catch (RuntimeException e) {
      release();
      return Optional.of(CompletableFuture.completedFuture(onThrow.apply(e)));
    }
    if (future == null) {
      release();
      return Optional.of(
          CompletableFuture.completedFuture(
              onThrow.apply(new IllegalStateException("the call returned no future"))));
    }
    return Optional.of(future.whenComplete((v, e) -> release()));
  }

  private void release() {
    inFlight.decrementAndGet();
    permits.release();
  }

  public boolean hasFreePermit() {
    return permits.availablePermits() > 0;
  }

  public int inFlight() {
    return inFlight.get();
  }

  /** The most requests ever in flight at once. */
  public int highWater() {
    return highWater.get();
  }

  public int limit() {
    return limit;
  }
}
