package io.workflowresult.intake;

import io.workflowresult.delay.learned.RunHints;
import java.util.List;

/** What {@link InputValidator} makes of one input value. */
public sealed interface InputVerdict {

  /**
   * A valid run ID, trimmed, with the scheduling hints of a JSON input ({@link RunHints#NONE} for a
   * bare ID) and the names of the hints ignored for their type ({@code workflowId}, {@code
   * startTime}).
   */
  record Valid(String runId, RunHints hints, List<String> ignoredHints) implements InputVerdict {
    public Valid {
      ignoredHints = List.copyOf(ignoredHints);
    }

    /** A run ID without hints. */
    public Valid(String runId) {
      this(runId, RunHints.NONE, List.of());
    }
  }

  /** Not a run ID; {@code detail} says why (never echoes the input). */
  record Invalid(String detail) implements InputVerdict {}
}
