package io.workflowresult.resolver.politeness;

import io.workflowresult.api.QueryOutcome;

/**
 * One request a {@link QueryGate} admitted (the shape of Netflix concurrency-limits' {@code
 * Limiter.acquire → Optional<Listener>}). Its holder ends it exactly once: {@link #answered} shows
 * the gate the answer, {@link #abandoned} tells it the request ended without one being wanted (its
 * partition was revoked meanwhile, say). Ending a ticket twice throws: it would free a place of the
 * budget twice, or count one answer as two. Not thread-safe: ended on the poll thread that took it.
 */
public final class Ticket {

  /** What ending a ticket does in the gate that issued it. */
  public interface Ending {
    /** Nothing: every answer is a fact about its run. */
    Ending NONE =
        new Ending() {
          @Override
          public boolean answered(QueryOutcome outcome, long nowMs) {
            return false;
          }

          @Override
          public void abandoned() {}
        };

    /** See {@link Ticket#answered}. */
    boolean answered(QueryOutcome outcome, long nowMs);

    /** See {@link Ticket#abandoned}. */
    void abandoned();
  }

  private final Admission admission;
  private final Ending ending;
  private String endedBy;

  /**
   * @param admission {@link Admission#OPEN}, or {@link Admission#PROBE} for the one request a
   *     closed gate lets through
   */
  public Ticket(Admission admission, Ending ending) {
    if (admission == Admission.WAIT) {
      throw new IllegalArgumentException("a ticket admits a request: OPEN or PROBE");
    }
    this.admission = admission;
    this.ending = ending;
  }

  /** How the request was admitted: {@link Admission#OPEN} or {@link Admission#PROBE}. */
  public Admission admission() {
    return admission;
  }

  /** Whether this is the probe of a closed gate: then no other request goes out until it ends. */
  public boolean isProbe() {
    return admission == Admission.PROBE;
  }

  /**
   * Shows the gate the answer received at {@code nowMs}, before it is routed.
   *
   * @return {@code true} when it is a condition of the instance: the run then waits in memory for
   *     the gate to admit it again, no attempt counted, nothing written, its offset uncommitted;
   *     {@code false} routes it as a fact about the run
   * @throws IllegalStateException when the ticket was already ended
   */
  public boolean answered(QueryOutcome outcome, long nowMs) {
    end("answered");
    return ending.answered(outcome, nowMs);
  }

  /**
   * The request ended without its answer being shown (no longer wanted, or never sent).
   *
   * @throws IllegalStateException when the ticket was already ended
   */
  public void abandoned() {
    end("abandoned");
    ending.abandoned();
  }

  private void end(String how) {
    if (endedBy != null) {
      throw new IllegalStateException(
          "a ticket ends once: " + how + " after it was already " + endedBy);
    }
    endedBy = how;
  }
}
