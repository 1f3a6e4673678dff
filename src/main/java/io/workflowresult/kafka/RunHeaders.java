package io.workflowresult.kafka;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers of every derived record: the input record's headers copied (e.g. {@code traceparent},
 * correlation IDs), then the {@code run.*} headers set (replacing any earlier value):
 *
 * <ul>
 *   <li>{@code run.status} — the API's last status ({@code SUCCEED}, {@code PENDING}, ...), when
 *       known;
 *   <li>{@code run.attempt} — the run's attempt number;
 *   <li>{@code run.first-seen} — when intake first saw the run, epoch ms;
 *   <li>{@code run.reason} — the dead-letter reason (dead letters only);
 *   <li>{@code run.source} — {@code topic/partition/offset} of the input record, kept from the
 *       first derivation on;
 *   <li>{@code run.truncated} — {@code true} when {@code input}/{@code output} were dropped from a
 *       result.
 * </ul>
 *
 * Copied headers are kept up to {@link #MAX_COPIED_BYTES} in total; further ones are dropped so
 * that no derived record grows too large to write.
 */
public final class RunHeaders {
  public static final String STATUS = "run.status";
  public static final String ATTEMPT = "run.attempt";
  public static final String FIRST_SEEN = "run.first-seen";
  public static final String REASON = "run.reason";
  public static final String SOURCE = "run.source";
  public static final String TRUNCATED = "run.truncated";

  /** Budget for headers copied from the input, in bytes of names and values. */
  public static final int MAX_COPIED_BYTES = 16 * 1024;

  private final Map<String, String> runValues = new LinkedHashMap<>();
  private final Headers source;
  private final boolean fromInput;

  private RunHeaders(Headers source, boolean fromInput) {
    this.source = source;
    this.fromInput = fromInput;
  }

  /**
   * Starts from the headers of an input record: every {@code run.*} header it may carry (from a
   * redrive, say) is dropped, the others copied.
   */
  public static RunHeaders fromInput(Headers source) {
    return new RunHeaders(source, true);
  }

  /**
   * Starts from the headers of a delay record: {@code run.source}, {@code run.first-seen} and
   * {@code run.attempt} carry over unless set again; {@code run.reason}, {@code run.truncated} and
   * {@code run.status} never do.
   */
  public static RunHeaders fromDelayed(Headers source) {
    return new RunHeaders(source, false);
  }

  public RunHeaders status(String status) {
    return put(STATUS, status);
  }

  public RunHeaders attempt(int attempt) {
    return put(ATTEMPT, Integer.toString(attempt));
  }

  public RunHeaders firstSeen(long epochMs) {
    return put(FIRST_SEEN, Long.toString(epochMs));
  }

  /** Sets {@code run.reason}: the name of the dead-letter reason. */
  public RunHeaders reason(String reason) {
    return put(REASON, reason);
  }

  /** Sets {@code run.source}. */
  public RunHeaders source(RecordSource where) {
    return put(SOURCE, where.toString());
  }

  /** Sets {@code run.source} unless the source headers already carry one. */
  public RunHeaders sourceIfAbsent(RecordSource where) {
    if (source == null || source.lastHeader(SOURCE) == null) {
      source(where);
    }
    return this;
  }

  public RunHeaders truncated(boolean truncated) {
    return truncated ? put(TRUNCATED, "true") : this;
  }

  private RunHeaders put(String name, String value) {
    if (value != null) {
      runValues.put(name, value);
    }
    return this;
  }

  /** The headers to write. */
  public Headers build() {
    RecordHeaders out = new RecordHeaders();
    int budget = MAX_COPIED_BYTES;
    if (source != null) {
      for (Header h : source) {
        if (runValues.containsKey(h.key()) || isDropped(h.key())) {
          continue;
        }
        int size = h.key().length() + (h.value() == null ? 0 : h.value().length);
        if (size > budget) {
          continue;
        }
        budget -= size;
        out.add(h.key(), h.value());
      }
    }
    runValues.forEach((k, v) -> out.add(k, v.getBytes(StandardCharsets.UTF_8)));
    return out;
  }

  private boolean isDropped(String key) {
    if (fromInput) {
      return key.startsWith("run.");
    }
    return key.equals(REASON) || key.equals(TRUNCATED) || key.equals(STATUS);
  }

  /** The value of a header as text, if present. */
  public static Optional<String> text(Headers headers, String name) {
    if (headers == null) {
      return Optional.empty();
    }
    Header h = headers.lastHeader(name);
    return h == null || h.value() == null
        ? Optional.empty()
        : Optional.of(new String(h.value(), StandardCharsets.UTF_8));
  }
}
