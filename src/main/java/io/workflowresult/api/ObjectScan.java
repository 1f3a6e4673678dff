package io.workflowresult.api;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@link RunObjectReader}'s one pass over a JSON object found: where it and each member lie in
 * the stream (absolute byte offsets into a {@link RecordingInputStream}), the fields the client
 * classifies by and those the schedule uses and learns from ({@code workflowId}, {@code
 * workflowVersion}, {@code startTime}, {@code endTime}, {@code workflowExecutionTime}), and whether
 * {@code input}/{@code output} must be dropped.
 */
final class ObjectScan {
  final long start;
  long end;
  final List<Member> members = new ArrayList<>();
  boolean truncated;
  Optional<String> status = Optional.empty();
  Optional<String> workflowRunId = Optional.empty();
  Optional<BigDecimal> totalCost = Optional.empty();
  Optional<String> workflowId = Optional.empty();
  Optional<String> workflowVersion = Optional.empty();
  OptionalLong startTime = OptionalLong.empty();
  OptionalLong endTime = OptionalLong.empty();
  OptionalLong executionTime = OptionalLong.empty();
  ObjectScan data;

  ObjectScan(long start) {
    this.start = start;
  }

  /** The times it names ({@link RunTimes}). */
  RunTimes times() {
    return new RunTimes(workflowId, workflowVersion, startTime, endTime, executionTime);
  }

  boolean looksLikeRun() {
    return status.isPresent() || workflowRunId.isPresent();
  }

  /**
   * The object as it came: the raw slice when nothing was dropped; otherwise every member but
   * {@code input} and {@code output}, each byte-for-byte, joined into a compact object.
   */
  byte[] bytes(RecordingInputStream recorder) {
    if (!truncated) {
      return recorder.slice(start, end);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write('{');
    boolean first = true;
    for (Member member : members) {
      if (member.droppable) {
        continue;
      }
      if (!first) {
        out.write(',');
      }
      first = false;
      if (member.nested != null && member.nested.truncated) {
        out.writeBytes(recorder.slice(member.start, member.valueStart));
        out.writeBytes(member.nested.bytes(recorder));
      } else {
        byte[] raw = recorder.slice(member.start, member.end);
        out.write(raw, 0, withoutTrailingSeparator(raw));
      }
    }
    out.write('}');
    return out.toByteArray();
  }

  /** Length of a member's bytes without the whitespace and comma that follow its value. */
  private static int withoutTrailingSeparator(byte[] raw) {
    int length = withoutTrailingWhitespace(raw, raw.length);
    if (length > 0 && raw[length - 1] == ',') {
      length = withoutTrailingWhitespace(raw, length - 1);
    }
    return length;
  }

  private static int withoutTrailingWhitespace(byte[] raw, int length) {
    while (length > 0
        && (raw[length - 1] == ' '
            || raw[length - 1] == '\t'
            || raw[length - 1] == '\n'
            || raw[length - 1] == '\r')) {
      length--;
    }
    return length;
  }

  /** One member of an object: where its name and value start, and where the next token starts. */
  static final class Member {
    final long start;
    final boolean droppable;
    long valueStart;
    long end;
    ObjectScan nested;

    Member(long start, boolean droppable) {
      this.start = start;
      this.droppable = droppable;
    }
  }
}
