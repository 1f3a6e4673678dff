package io.workflowresult.delay;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.workflowresult.kafka.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * The value of a delay-topic record (key: the run ID): {@code {"v":1, "workflowRunId", "attempt",
 * "firstSeenAt", "dueAt", "lastStatus"}}, times in epoch milliseconds.
 *
 * <p>Beyond the contract's fields it carries counters the schedule needs (readers ignore unknown
 * fields, so this is compatible): {@code failures} — failures of this run (timeouts, 5xx) that
 * count toward {@code retry.max-attempts}; {@code notFound} — 404 answers so far; {@code
 * firstQueriedAt} — when the run was first queried (for the time-to-result metric); {@code heldMs}
 * — time the run spent waiting past its due time for the instance (its gate, the budget, a permit),
 * which never ages it toward {@code EXPIRED}. {@code attempt} counts the answers that moved the run
 * on (not-yet, failures, 404s); waits the instance imposes (a refused key) never count.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "v",
  "workflowRunId",
  "attempt",
  "firstSeenAt",
  "dueAt",
  "lastStatus",
  "failures",
  "notFound",
  "firstQueriedAt",
  "heldMs"
})
public record DelayRecord(
    int v,
    String workflowRunId,
    int attempt,
    long firstSeenAt,
    long dueAt,
    @JsonInclude(JsonInclude.Include.ALWAYS) String lastStatus, // a contract field, null at first
    int failures,
    int notFound,
    Long firstQueriedAt,
    Long heldMs) {

  public static final int VERSION = 1;

  /** A run just taken in: attempt 0, due now. */
  public static DelayRecord fresh(String runId, long nowMs) {
    return new DelayRecord(VERSION, runId, 0, nowMs, nowMs, null, 0, 0, null, null);
  }

  /** The record as UTF-8 JSON. */
  public byte[] toJson() {
    try {
      return Json.MAPPER.writeValueAsBytes(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a delay record; empty when the bytes are not a delay record with a non-blank {@code
   * workflowRunId}.
   */
  public static Optional<DelayRecord> fromJson(byte[] json) {
    if (json == null) {
      return Optional.empty();
    }
    try {
      DelayRecord r = Json.MAPPER.readValue(json, DelayRecord.class);
      if (r == null || r.workflowRunId() == null || r.workflowRunId().isBlank()) {
        return Optional.empty();
      }
      return Optional.of(r);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Number of queries of this run so far, including the one being routed. */
  public int queriesIncludingThis() {
    return attempt + 1;
  }

  public DelayRecord next(int attempt, long dueAt, String lastStatus, int failures, int notFound) {
    return new DelayRecord(
        VERSION,
        workflowRunId,
        attempt,
        firstSeenAt,
        dueAt,
        lastStatus,
        failures,
        notFound,
        firstQueriedAt,
        heldMs);
  }

  public DelayRecord queriedAt(long nowMs) {
    return firstQueriedAt != null
        ? this
        : new DelayRecord(
            v,
            workflowRunId,
            attempt,
            firstSeenAt,
            dueAt,
            lastStatus,
            failures,
            notFound,
            nowMs,
            heldMs);
  }

  /** Time held past due times by the instance so far; 0 when none. */
  public long heldMillis() {
    return heldMs == null ? 0 : heldMs;
  }

  /**
   * The record of a run sent (or put back to wait) at {@code nowMs}: the time since its due time is
   * added to {@link #heldMillis()}, and it is due at {@code dueAt}.
   */
  public DelayRecord heldUntil(long nowMs, long newDueAt) {
    long held = heldMillis() + Math.max(0, nowMs - dueAt);
    return new DelayRecord(
        v,
        workflowRunId,
        attempt,
        firstSeenAt,
        newDueAt,
        lastStatus,
        failures,
        notFound,
        firstQueriedAt,
        held == 0 ? null : held);
  }

  /** Time since first seen that counts toward {@code poll.max-age}. */
  public long ageMillis(long nowMs) {
    return nowMs - firstSeenAt - heldMillis();
  }
}
