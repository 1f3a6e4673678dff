package io.workflowresult.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The body of an answer that is not a run: its text (at most {@link #MAX_TEXT_BYTES}, cut on a
 * UTF-8 character boundary) and, when it has the API's {@code {"error": {"code", "message",
 * "status"}}} shape, a one-line detail {@code "<code>: <message>"}.
 */
record ErrorBody(Optional<String> text, Optional<String> detail) {

  /** Longest error text kept (the dead-letter contract allows 4 KiB). */
  static final int MAX_TEXT_BYTES = 4096;

  /** Most bytes read from an error answer; the rest is not read. */
  static final int MAX_READ_BYTES = 64 * 1024;

  /** Longest detail line kept. */
  static final int MAX_DETAIL_CHARS = 512;

  static final ErrorBody NONE = new ErrorBody(Optional.empty(), Optional.empty());

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Reads at most {@link #MAX_READ_BYTES} of {@code body}. */
  static ErrorBody read(InputStream body) throws IOException {
    byte[] bytes = body.readNBytes(MAX_READ_BYTES);
    if (bytes.length == 0) {
      return NONE;
    }
    return new ErrorBody(Optional.of(cappedText(bytes)), detailOf(bytes));
  }

  /** {@code detail} when the body had one, else {@code fallback}. */
  String detailOr(String fallback) {
    return detail.orElse(fallback);
  }

  /**
   * {@code bytes} as UTF-8 text, cut to at most {@link #MAX_TEXT_BYTES} on a character boundary.
   */
  static String cappedText(byte[] bytes) {
    return Utf8.cap(bytes, MAX_TEXT_BYTES);
  }

  private static Optional<String> detailOf(byte[] bytes) {
    JsonNode error;
    try {
      error = MAPPER.readTree(bytes).path("error");
    } catch (IOException e) {
      return Optional.empty();
    }
    String code = scalar(error.get("code"));
    String message = scalar(error.get("message"));
    if (code == null && message == null) {
      return Optional.empty();
    }
    if (code == null || message == null) {
      return Optional.of(oneLine(code == null ? message : code));
    }
    return Optional.of(oneLine(code + ": " + message));
  }

  /** {@code text} without control characters, at most {@link #MAX_DETAIL_CHARS} long. */
  static String oneLine(String text) {
    String line = text.replaceAll("\\p{Cntrl}+", " ").strip();
    return line.length() <= MAX_DETAIL_CHARS ? line : line.substring(0, MAX_DETAIL_CHARS) + "...";
  }

  private static String scalar(JsonNode node) {
    return node != null && node.isValueNode() && !node.isNull() ? node.asText() : null;
  }
}
