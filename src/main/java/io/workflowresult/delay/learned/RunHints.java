package io.workflowresult.delay.learned;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * The scheduling hints a JSON input may carry (DESIGN.md, topic contract): its {@code workflowId}
 * and the run's {@code startTime} (epoch ms, when the run was started). With both, the first query
 * can wait until the run is likely done.
 */
public record RunHints(Optional<String> workflowId, OptionalLong startTime) {
  public static final RunHints NONE = new RunHints(Optional.empty(), OptionalLong.empty());
}
