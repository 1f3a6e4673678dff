package io.workflowresult.resolver.politeness;

import io.workflowresult.api.QueryOutcome;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The resolver's {@link QueryGate} in production: the {@link InstanceGate} (429, {@code
 * X-RateLimit-Remaining: 0}, a refused key, bursts of failures), the {@link RequestBudget} of
 * {@code query.budget}, and the {@link RateLimitPacer} that spreads the last 10% of the API's own
 * counter until its reset. A request starts only when all three allow it, and gets a {@link
 * Ticket}; the pacer counts it the moment it is admitted, the budget from its admission until a
 * period after its ticket ends (answered or abandoned).
 *
 * <p>Called on the resolver's poll thread only; {@link #status()} may be read from any thread.
 */
public final class PoliteGate implements QueryGate {
  private final InstanceGate instance;
  private final Optional<RequestBudget> budget;
  private final RateLimitPacer pacer;
  private final LongSupplier nanoClock;

  /**
   * @param budget the budget of {@code query.budget}, if one is set
   * @param nanoClock monotonic time ({@code System::nanoTime})
   */
  public PoliteGate(
      InstanceGate instance,
      Optional<RequestBudget> budget,
      RateLimitPacer pacer,
      LongSupplier nanoClock) {
    this.instance = instance;
    this.budget = budget;
    this.pacer = pacer;
    this.nanoClock = nanoClock;
  }

  @Override
  public Optional<Ticket> tryAcquire(long nowMs) {
    Admission admission = instance.admit(nowMs);
    if (admission == Admission.WAIT) {
      return Optional.empty();
    }
    long nanos = nanoClock.getAsLong();
    if (nanosUntilQuota(nanos, nowMs) > 0) {
      if (admission == Admission.PROBE) {
        instance.probeAbandoned();
      }
      return Optional.empty();
    }
    budget.ifPresent(b -> b.take(nanos));
    pacer.started(nanos);
    return Optional.of(new Ticket(admission, new Admitted(admission == Admission.PROBE)));
  }

  @Override
  public long millisUntilAdmit(long nowMs) {
    long gate = instance.millisUntilProbe(nowMs);
    if (gate == Long.MAX_VALUE) {
      return gate;
    }
    long quotaNanos = nanosUntilQuota(nanoClock.getAsLong(), nowMs);
    if (quotaNanos == Long.MAX_VALUE) {
      return Long.MAX_VALUE; // the budget waits for an answer
    }
    long quotaMs = TimeUnit.NANOSECONDS.toMillis(quotaNanos + 999_999);
    return Math.max(gate, quotaMs);
  }

  @Override
  public boolean closed() {
    return !instance.status().open();
  }

  /** {@code UNAUTHORIZED: <detail>} while the API refuses the key; empty otherwise. */
  @Override
  public Optional<String> notReadyReason() {
    InstanceGate.Status st = instance.status();
    return st.condition()
        .filter(c -> c == InstanceGate.Condition.UNAUTHORIZED)
        .map(c -> c + ": " + st.detail());
  }

  @Override
  public InstanceGate.Status status() {
    return instance.status();
  }

  /** The spacing the rate-limit headers impose now (zero when none). */
  public Duration pacing() {
    return pacer.spacing();
  }

  private long nanosUntilQuota(long nanos, long nowMs) {
    long fromBudget = budget.map(b -> b.nanosUntilAvailable(nanos)).orElse(0L);
    return Math.max(fromBudget, pacer.nanosUntilAvailable(nanos, nowMs));
  }

  /** An admitted request: it frees its place of the budget when it ends, however it ends. */
  private final class Admitted implements Ticket.Ending {
    private final boolean probe;

    Admitted(boolean probe) {
      this.probe = probe;
    }

    @Override
    public boolean answered(QueryOutcome outcome, long nowMs) {
      ended();
      pacer.observe(outcome.rateLimit(), nowMs);
      return instance.onOutcome(outcome, probe, nowMs).instanceCondition();
    }

    @Override
    public void abandoned() {
      ended();
      if (probe) {
        instance.probeAbandoned();
      }
    }

    private void ended() {
      budget.ifPresent(b -> b.ended(nanoClock.getAsLong()));
    }
  }
}
