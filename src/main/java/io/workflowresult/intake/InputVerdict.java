package io.workflowresult.intake;

/** What {@link InputValidator} makes of one input value. */
public sealed interface InputVerdict {

  /** A valid run ID, trimmed. */
  record Valid(String runId) implements InputVerdict {}

  /** Not a run ID; {@code detail} says why (never echoes the input). */
  record Invalid(String detail) implements InputVerdict {}
}
