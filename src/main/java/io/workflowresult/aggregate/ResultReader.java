package io.workflowresult.aggregate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.workflowresult.aggregate.AggregateMetrics.SkipReason;
import io.workflowresult.aggregate.RunCost.RunStatus;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * Reads a results-topic value (the API's run object, flat or wrapped in {@code {"data": ...}}) into
 * a {@link RunCost}, streaming over the JSON so large {@code input}/{@code output} fields are
 * skipped, not built.
 *
 * <p>Money is never a binary float: {@code totalCost} is taken from the JSON text as a {@link
 * BigDecimal} (a JSON number, or a string holding one). An absent or null {@code totalCost} or
 * {@code totalTokens} counts as zero (a failed run may carry none); a present one that is not a
 * number is a {@link SkipReason#BAD_COST}. Costs whose plain decimal form would need more than
 * {@value #MAX_DIGITS} digits on either side of the point are refused too, so that no record can
 * make the aggregate's plain-number output unbounded.
 *
 * <p>Event time: {@code endTime}; when missing, 0 or negative, or more than {@link #MAX_FUTURE}
 * after the record's timestamp, the record timestamp. The record timestamp (when the resolver wrote
 * the result), not the wall clock, is the reference, so re-processing the topic later puts every
 * run in the same window again.
 */
public final class ResultReader {
  /** How far past its record's timestamp an {@code endTime} may lie and still be believed. */
  public static final Duration MAX_FUTURE = Duration.ofMinutes(5);

  static final int MAX_DIGITS = 40;

  private static final JsonFactory JSON = new JsonFactory();

  /** What reading one record gave. */
  public sealed interface Reading {}

  /** A run to aggregate. */
  public record Read(RunCost run) implements Reading {}

  /** A record not to aggregate, and why. */
  public record Skipped(SkipReason reason, String detail) implements Reading {}

  private ResultReader() {}

  /** Reads {@code value}; never throws. */
  public static Reading read(byte[] value, long recordTimestamp) {
    if (value == null) {
      return new Skipped(SkipReason.TOMBSTONE, "null value");
    }
    Fields fields;
    try (JsonParser parser = JSON.createParser(value)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return new Skipped(SkipReason.UNREADABLE, "not a JSON object");
      }
      fields = readObject(parser, true);
      if (parser.nextToken() != null) {
        return new Skipped(SkipReason.UNREADABLE, "trailing content after the JSON object");
      }
    } catch (BadCost e) {
      return new Skipped(SkipReason.BAD_COST, e.getMessage());
    } catch (IOException | RuntimeException e) {
      return new Skipped(SkipReason.UNREADABLE, oneLine(e));
    }
    if (fields.workflowId == null && fields.data != null) {
      fields = fields.data;
    }
    return toRun(fields, recordTimestamp);
  }

  private static Reading toRun(Fields f, long recordTimestamp) {
    if (f.workflowId == null || f.workflowId.isBlank()) {
      return new Skipped(SkipReason.NO_WORKFLOW_ID, "no workflowId");
    }
    RunStatus status;
    try {
      status = f.status == null ? null : RunStatus.valueOf(f.status);
    } catch (IllegalArgumentException e) {
      status = null;
    }
    if (status == null) {
      return new Skipped(SkipReason.NOT_TERMINAL, "status " + f.status);
    }
    BigDecimal cost = f.cost == null ? BigDecimal.ZERO : f.cost;
    long tokens = f.tokens == null ? 0L : f.tokens;
    RunCost run =
        new RunCost(
            f.workflowId,
            f.workflowName,
            status,
            cost,
            tokens,
            eventTime(f.endTime, recordTimestamp));
    return new Read(run);
  }

  /** {@code endTime} when it is believable, else the record timestamp. */
  public static long eventTime(Long endTime, long recordTimestamp) {
    if (endTime == null || endTime <= 0 || endTime > recordTimestamp + MAX_FUTURE.toMillis()) {
      return recordTimestamp;
    }
    return endTime;
  }

  private static Fields readObject(JsonParser p, boolean topLevel) throws IOException {
    Fields f = new Fields();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      switch (name) {
        case "workflowId" -> f.workflowId = text(p, t, name);
        case "workflowName" -> f.workflowName = text(p, t, name);
        case "status" -> f.status = text(p, t, name);
        case "totalCost" -> f.cost = decimal(p, t);
        case "totalTokens" -> f.tokens = wholeNumber(p, t, name);
        case "endTime" -> f.endTime = wholeNumber(p, t, name);
        case "data" -> {
          if (topLevel && t == JsonToken.START_OBJECT) {
            f.data = readObject(p, false);
          } else {
            p.skipChildren();
          }
        }
        default -> p.skipChildren();
      }
    }
    return f;
  }

  private static String text(JsonParser p, JsonToken t, String name) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.VALUE_STRING) {
      throw new IOException(name + " is not a string");
    }
    return p.getText();
  }

  private static BigDecimal decimal(JsonParser p, JsonToken t) throws IOException {
    BigDecimal value;
    if (t == JsonToken.VALUE_NULL) {
      return null;
    } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      value = p.getDecimalValue();
    } else if (t == JsonToken.VALUE_STRING) {
      try {
        value = new BigDecimal(p.getText().trim());
      } catch (NumberFormatException e) {
        throw new BadCost("totalCost is not a number: " + abbreviate(p.getText()));
      }
    } else {
      p.skipChildren();
      throw new BadCost("totalCost is not a number: " + t);
    }
    if (value.scale() > MAX_DIGITS || value.precision() - value.scale() > MAX_DIGITS) {
      throw new BadCost("totalCost out of range: " + abbreviate(value.toString()));
    }
    return value;
  }

  private static Long wholeNumber(JsonParser p, JsonToken t, String name) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      try {
        return p.getDecimalValue().longValueExact();
      } catch (ArithmeticException e) {
        throw new IOException(name + " is not a whole number in range");
      }
    }
    throw new IOException(name + " is not a number");
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }

  private static String oneLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return abbreviate(nl < 0 ? m : m.substring(0, nl));
  }

  private static final class Fields {
    String workflowId;
    String workflowName;
    String status;
    BigDecimal cost;
    Long tokens;
    Long endTime;
    Fields data;
  }

  private static final class BadCost extends IOException {
    private static final long serialVersionUID = 1L;

    BadCost(String message) {
      super(message);
    }
  }
}
