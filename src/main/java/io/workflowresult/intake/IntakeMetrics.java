package io.workflowresult.intake;

import io.workflowresult.deadletter.DeadLetterReason;

/**
 * What intake reports; {@code ops} binds it to Micrometer. Every method has a no-op default. Called
 * from intake's poll thread: keep implementations cheap and non-blocking.
 */
public interface IntakeMetrics {
  IntakeMetrics NOOP = new IntakeMetrics() {};

  /** Input records taken in: {@code valid} forwarded, else dead-lettered. */
  default void intake(boolean valid) {}

  /** A dead letter was written. */
  default void deadLettered(DeadLetterReason reason) {}
}
