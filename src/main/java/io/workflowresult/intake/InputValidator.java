package io.workflowresult.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.workflowresult.api.Utf8;
import io.workflowresult.delay.learned.RunHints;
import io.workflowresult.kafka.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a run ID from an input value (README "Records on each topic"): a value that begins with
 * {@code {} or {@code [} once trimmed is JSON and must be an object with a string {@code
 * workflowRunId}; anything else is a bare run ID. A run ID is valid when, trimmed, it is 1–{@value #MAX_LENGTH}
 * characters with no control characters. A JSON input's scheduling hints are read by {@link
 * HintReader}: one of the wrong type is ignored (and named in the verdict), never a reason to
 * refuse the input.
 */
public final class InputValidator {
  public static final int MAX_LENGTH = 256;

  /** The verdict for one input value ({@code null} for a record without value). */
  public InputVerdict validate(byte[] value) {
    if (value == null) {
      return new InputVerdict.Invalid("null value");
    }
    Optional<String> text = Utf8.decode(value);
    if (text.isEmpty()) {
      return new InputVerdict.Invalid("not UTF-8");
    }
    String trimmed = text.get().strip();
    if (trimmed.isEmpty()) {
      return new InputVerdict.Invalid(value.length == 0 ? "empty value" : "only whitespace");
    }
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      return fromJson(trimmed);
    }
    return checkId(trimmed);
  }

  private InputVerdict fromJson(String json) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      return new InputVerdict.Invalid("not JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      return new InputVerdict.Invalid("JSON but not an object");
    }
    JsonNode id = node.get("workflowRunId");
    if (id == null || id.isNull()) {
      return new InputVerdict.Invalid("JSON object without workflowRunId");
    }
    if (!id.isTextual()) {
      return new InputVerdict.Invalid("workflowRunId is not a string");
    }
    InputVerdict verdict = checkId(id.textValue().strip());
    if (verdict instanceof InputVerdict.Valid valid) {
      List<String> ignored = new ArrayList<>(0);
      RunHints hints = HintReader.read(node, ignored::add);
      return new InputVerdict.Valid(valid.runId(), hints, ignored);
    }
    return verdict;
  }

  private static InputVerdict checkId(String id) {
    if (id.isEmpty()) {
      return new InputVerdict.Invalid("empty run ID");
    }
    int length = id.codePointCount(0, id.length());
    if (length > MAX_LENGTH) {
      return new InputVerdict.Invalid(
          "run ID has " + length + " characters, more than " + MAX_LENGTH);
    }
    if (id.codePoints().anyMatch(Character::isISOControl)) {
      return new InputVerdict.Invalid("run ID contains control characters");
    }
    return new InputVerdict.Valid(id);
  }
}
