package io.workflowresult.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads a run object from a stream with Jackson's streaming parser, in one pass and bounded memory.
 *
 * <ul>
 *   <li>Accepts the flat run object and a {@code {"data": {...}, "meta": ...}} wrapper: a top-level
 *       object without {@code workflowRunId} whose {@code data} object has a {@code status} or
 *       {@code workflowRunId} is a wrapper, and its {@code data} is the run object.
 *   <li>The run object is returned as the raw bytes it came in (byte-for-byte: numbers, escapes and
 *       whitespace as sent), every field kept, unknown ones too.
 *   <li>When the run object is larger than {@code maxPayloadBytes}, its {@code input} and {@code
 *       output} members are dropped (their values are skipped while streaming, never buffered past
 *       the limit) and the other members are joined, each byte-for-byte, into a compact object.
 * </ul>
 */
final class RunObjectReader {

  /** Longest field name read; bounds the read-ahead {@link RecordingInputStream} must keep. */
  static final int MAX_NAME_LENGTH = 4096;

  /** Read-ahead allowed past a droppable region's limit before its bytes are released. */
  static final int READ_AHEAD_SLACK = 64 * 1024;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNameLength(MAX_NAME_LENGTH)
                  .maxNestingDepth(2000)
                  .build())
          .build();

  private final long maxPayloadBytes;

  RunObjectReader(long maxPayloadBytes) {
    this.maxPayloadBytes = maxPayloadBytes;
  }

  /**
   * What was read: the run object (raw or truncated), the fields the client classifies by, and the
   * run object's top-level times ({@link RunTimes}) for the re-query schedule and what learns from
   * a result.
   */
  record RunAnswer(
      byte[] runObject,
      boolean truncated,
      Optional<String> status,
      Optional<String> workflowRunId,
      Optional<BigDecimal> totalCost,
      RunTimes times) {
    Optional<String> workflowId() {
      return times.workflowId();
    }

    Optional<String> workflowVersion() {
      return times.workflowVersion();
    }

    OptionalLong startTime() {
      return times.startTime();
    }
  }

  /** The body is not a JSON object (or not one this reader can take apart). */
  static final class NotAnObjectException extends Exception {
    private static final long serialVersionUID = 1L;

    NotAnObjectException(String message) {
      super(message);
    }
  }

  RunAnswer read(InputStream body) throws IOException, NotAnObjectException {
    return read(new RecordingInputStream(body));
  }

  /** Reads from {@code recorder} (tests look at its memory afterwards). */
  RunAnswer read(RecordingInputStream recorder) throws IOException, NotAnObjectException {
    try (JsonParser parser = FACTORY.createParser(recorder)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new NotAnObjectException("the answer is not a JSON object");
      }
      ObjectScan top = scanObject(parser, recorder, true);
      if (parser.nextToken() != null) {
        throw new NotAnObjectException("content after the JSON object");
      }
      ObjectScan run = runObjectOf(top);
      return new RunAnswer(
          run.bytes(recorder),
          run.truncated,
          run.status,
          run.workflowRunId,
          run.totalCost,
          run.times());
    } catch (JsonProcessingException e) {
      throw new NotAnObjectException("the answer is not valid JSON: " + e.getOriginalMessage());
    } catch (IllegalStateException e) {
      throw new NotAnObjectException("the answer's layout is not supported: " + e.getMessage());
    }
  }

  /**
   * The top-level object itself, unless it names no run while its {@code data} object looks like
   * one (a wrapper such as {@code {"data": {...}, "meta": {...}}} or {@code {"status": "ok",
   * "data": {...}}}).
   */
  private static ObjectScan runObjectOf(ObjectScan top) {
    if (top.workflowRunId.isPresent() || top.data == null || !top.data.looksLikeRun()) {
      return top;
    }
    return top.data;
  }

  private ObjectScan scanObject(JsonParser parser, RecordingInputStream recorder, boolean top)
      throws IOException {
    ObjectScan scan = new ObjectScan(offset(parser));
    ObjectScan.Member pending = null;
    while (true) {
      JsonToken token = parser.nextToken();
      long at = offset(parser);
      if (pending != null) {
        pending.end = at;
        if (pending.droppable && recorder.endDroppable(at)) {
          scan.truncated = true;
        }
        if (at - scan.start > maxPayloadBytes) {
          scan.truncated = true;
        }
        scan.members.add(pending);
        pending = null;
      }
      if (token == JsonToken.END_OBJECT) {
        scan.end = parser.currentLocation().getByteOffset();
        scan.truncated |= scan.end - scan.start > maxPayloadBytes;
        return scan;
      }
      pending = readMember(parser, recorder, scan, top, at);
    }
  }

  private ObjectScan.Member readMember(
      JsonParser parser, RecordingInputStream recorder, ObjectScan scan, boolean top, long at)
      throws IOException {
    String name = parser.currentName();
    ObjectScan.Member member =
        new ObjectScan.Member(at, name.equals("input") || name.equals("output"));
    if (member.droppable) {
      long keep = scan.truncated ? 0 : maxPayloadBytes - (at - scan.start) + READ_AHEAD_SLACK;
      recorder.beginDroppable(at, keep);
    }
    JsonToken value = parser.nextToken();
    member.valueStart = offset(parser);
    switch (name) {
      case "status" -> scan.status = text(parser, value);
      case "workflowRunId" -> scan.workflowRunId = text(parser, value);
      case "totalCost" -> scan.totalCost = decimal(parser, value);
      case "workflowId" -> scan.workflowId = text(parser, value);
      case "workflowVersion" -> scan.workflowVersion = text(parser, value);
      case "startTime" -> scan.startTime = epochMillis(parser, value);
      case "endTime" -> scan.endTime = epochMillis(parser, value);
      case "workflowExecutionTime" -> scan.executionTime = epochMillis(parser, value);
      default -> {}
    }
    if (top && name.equals("data") && value == JsonToken.START_OBJECT) {
      member.nested = scanObject(parser, recorder, false);
      scan.data = member.nested;
    } else if (value.isStructStart()) {
      parser.skipChildren();
    }
    return member;
  }

  private static long offset(JsonParser parser) {
    long offset = parser.currentTokenLocation().getByteOffset();
    if (offset < 0) {
      // Byte offsets exist only for UTF-8 input (JSON over HTTP is UTF-8, RFC 8259).
      throw new IllegalStateException("the answer is not UTF-8");
    }
    return offset;
  }

  private static Optional<String> text(JsonParser parser, JsonToken value) throws IOException {
    return value == JsonToken.VALUE_STRING ? Optional.of(parser.getText()) : Optional.empty();
  }

  /** A whole number that fits a long; anything else (a text, a fraction) is left out. */
  private static OptionalLong epochMillis(JsonParser parser, JsonToken value) throws IOException {
    if (value != JsonToken.VALUE_NUMBER_INT
        || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(parser.getLongValue());
  }

  private static Optional<BigDecimal> decimal(JsonParser parser, JsonToken value)
      throws IOException {
    if (value.isNumeric() || value == JsonToken.VALUE_STRING) {
      try {
        // From the number's text: exact, never through double.
        return Optional.of(new BigDecimal(parser.getText().trim()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
