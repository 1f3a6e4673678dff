package io.workflowresult.delay.learned;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a {@link RunTiming} from a run object's JSON in one streaming pass over its top-level
 * fields, skipping {@code input}, {@code output} and everything else nested, so that a large result
 * costs no memory.
 */
public final class RunTimingReader {
  private static final JsonFactory JSON = new JsonFactory();

  private RunTimingReader() {}

  /**
   * The run's times; empty when the bytes are not a JSON object with a string {@code workflowId}. A
   * time that is not an integral number is left out.
   */
  public static Optional<RunTiming> read(byte[] runObject) {
    if (runObject == null) {
      return Optional.empty();
    }
    try (JsonParser p = JSON.createParser(runObject)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      Fields f = new Fields();
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        f.take(name, value, p);
        p.skipChildren();
      }
      if (f.workflowId == null || f.workflowId.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new RunTiming(f.workflowId, Optional.ofNullable(f.version), f.start, f.end, f.execution));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static final class Fields {
    String workflowId;
    String version;
    OptionalLong start = OptionalLong.empty();
    OptionalLong end = OptionalLong.empty();
    OptionalLong execution = OptionalLong.empty();

    void take(String name, JsonToken value, JsonParser p) throws IOException {
      switch (name) {
        case "workflowId" -> workflowId = text(value, p);
        case "workflowVersion" -> version = text(value, p);
        case "startTime" -> start = whole(value, p);
        case "endTime" -> end = whole(value, p);
        case "workflowExecutionTime" -> execution = whole(value, p);
        default -> {
          // every other field is the result's, not the schedule's
        }
      }
    }

    private static String text(JsonToken value, JsonParser p) throws IOException {
      return value == JsonToken.VALUE_STRING ? p.getText() : null;
    }

    private static OptionalLong whole(JsonToken value, JsonParser p) throws IOException {
      if (value != JsonToken.VALUE_NUMBER_INT
          || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
        return OptionalLong.empty();
      }
      return OptionalLong.of(p.getLongValue());
    }
  }
}
