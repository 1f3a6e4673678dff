package io.workflowresult.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.workflowresult.delay.learned.RunHints;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Reads the optional scheduling hints of a JSON input (DESIGN.md, topic contract): {@code
 * workflowId}, a non-blank string of at most {@value #MAX_WORKFLOW_ID_LENGTH} characters, and
 * {@code startTime}, a whole number of epoch milliseconds. A hint of another type is ignored and
 * reported (never a dead letter); a missing or {@code null} one is simply absent. Clamping a start
 * in the future or older than {@code poll.max-age} is the schedule's part.
 */
public final class HintReader {
  public static final int MAX_WORKFLOW_ID_LENGTH = 256;

  private HintReader() {}

  /**
   * @param input the input's JSON object
   * @param ignored told the name of each hint ignored for its type
   */
  public static RunHints read(JsonNode input, Consumer<String> ignored) {
    return new RunHints(
        workflowId(input.get("workflowId"), ignored), startTime(input.get("startTime"), ignored));
  }

  private static Optional<String> workflowId(JsonNode v, Consumer<String> ignored) {
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > MAX_WORKFLOW_ID_LENGTH) {
      ignored.accept("workflowId");
      return Optional.empty();
    }
    return Optional.of(v.asText().strip());
  }

  private static OptionalLong startTime(JsonNode v, Consumer<String> ignored) {
    if (v == null || v.isNull()) {
      return OptionalLong.empty();
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      ignored.accept("startTime");
      return OptionalLong.empty();
    }
    return OptionalLong.of(v.asLong());
  }
}
