package io.workflowresult.simulator;

/**
 * How a run behaves, chosen by the prefix of its ID. Every other ID is {@link #NORMAL}. See {@link
 * Simulator} for what each answers.
 */
public enum RunKind {
  NORMAL(""),
  UNKNOWN("unknown-"),
  MALFORMED("malformed-"),
  WEIRD("weird-"),
  HUGE("huge-"),
  SLOW("slow-"),
  PENDING_FOREVER("pending-"),
  ALWAYS_ERROR("error-"),
  FLAKY("flaky-"),
  LATE("late-"),
  MISMATCH("mismatch-");

  private final String prefix;

  RunKind(String prefix) {
    this.prefix = prefix;
  }

  public String prefix() {
    return prefix;
  }

  /** The kind named by the ID's prefix. */
  public static RunKind of(String runId) {
    for (RunKind kind : values()) {
      if (kind != NORMAL && runId.startsWith(kind.prefix)) {
        return kind;
      }
    }
    return NORMAL;
  }

  /** The part after the prefix, e.g. {@code 5mb-1} of {@code huge-5mb-1}. */
  String suffixOf(String runId) {
    return runId.substring(prefix.length());
  }
}
