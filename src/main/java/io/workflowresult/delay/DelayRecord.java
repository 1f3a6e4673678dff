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
 * <p>Beyond the contract's fields it carries what the schedule needs (readers ignore unknown
 * fields, so this is compatible; each is left out while it has no value): {@code failures} —
 * failures of this run (timeouts, 5xx) that count toward {@code retry.max-attempts}; {@code
 * notFound} — 404 answers so far; {@code firstQueriedAt} — when the run was first queried (for the
 * time-to-result metric); {@code heldMs} — time the run spent waiting past its due time for the
 * instance (its gate, the budget, a permit), which never ages it toward {@code EXPIRED}. For the
 * learned schedule (README, "Learned polling"): {@code workflowId} and {@code workflowVersion}
 * (from an input's hint or an answer), {@code startTime} (the API's), {@code hintedStart} (the
 * input's {@code startTime} hint, clamped), {@code lastQueriedAt} (set on every query), {@code
 * schedule} ({@code fixed}, {@code learned} or {@code hinted}: what the run has been asked by) and
 * {@code tail} (waits given on the exponential schedule past the learned ladder). {@code attempt}
 * counts the answers that moved the run on (not-yet, failures, 404s); waits the instance imposes (a
 * refused key) never count.
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
  "heldMs",
  "workflowId",
  "workflowVersion",
  "startTime",
  "hintedStart",
  "lastQueriedAt",
  "schedule",
  "tail"
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
    Long heldMs,
    String workflowId,
    String workflowVersion,
    Long startTime,
    Long hintedStart,
    Long lastQueriedAt,
    String schedule,
    Integer tail) {

  public static final int VERSION = 1;

  /** A run just taken in: attempt 0, due now. */
  public static DelayRecord fresh(String runId, long nowMs) {
    return new DelayRecord(
        VERSION, runId, 0, nowMs, nowMs, null, 0, 0, null, null, null, null, null, null, null, null,
        null);
  }

  /**
   * The contract's and the counters' constructor, as before the learned schedule: none of its
   * fields set.
   */
  public DelayRecord(
      int v,
      String workflowRunId,
      int attempt,
      long firstSeenAt,
      long dueAt,
      String lastStatus,
      int failures,
      int notFound,
      Long firstQueriedAt,
      Long heldMs) {
    this(
        v,
        workflowRunId,
        attempt,
        firstSeenAt,
        dueAt,
        lastStatus,
        failures,
        notFound,
        firstQueriedAt,
        heldMs,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
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

  /** The run moved on: new counters and due time, every other field kept. */
  public DelayRecord next(int attempt, long dueAt, String lastStatus, int failures, int notFound) {
    return moved(
        attempt, dueAt, lastStatus, failures, notFound, firstQueriedAt, heldMs, lastQueriedAt);
  }

  /**
   * The same run with what the learned schedule decided ({@code null}: not known); {@code tail} 0
   * is left out.
   */
  public DelayRecord scheduled(
      String workflowId,
      String workflowVersion,
      Long startTime,
      Long hintedStart,
      String schedule,
      int tail) {
    return new DelayRecord(
        v,
        workflowRunId,
        attempt,
        firstSeenAt,
        dueAt,
        lastStatus,
        failures,
        notFound,
        firstQueriedAt,
        heldMs,
        workflowId,
        workflowVersion,
        startTime,
        hintedStart,
        lastQueriedAt,
        schedule,
        tail == 0 ? null : tail);
  }

  /**
   * The record of the run as it is queried at {@code nowMs}: its last query, and maybe its first.
   */
  public DelayRecord queriedAt(long nowMs) {
    Long first = firstQueriedAt != null ? firstQueriedAt : nowMs;
    return moved(attempt, dueAt, lastStatus, failures, notFound, first, heldMs, nowMs);
  }

  /** Time held past due times by the instance so far; 0 when none. */
  public long heldMillis() {
    return heldMs == null ? 0 : heldMs;
  }

  /** Waits given on the exponential schedule past the learned ladder; 0 when none. */
  public int tailWaits() {
    return tail == null ? 0 : tail;
  }

  /**
   * The record of a run sent (or put back to wait) at {@code nowMs}: the time since its due time is
   * added to {@link #heldMillis()}, and it is due at {@code dueAt}.
   */
  public DelayRecord heldUntil(long nowMs, long newDueAt) {
    long held = heldMillis() + Math.max(0, nowMs - dueAt);
    return moved(
        attempt,
        newDueAt,
        lastStatus,
        failures,
        notFound,
        firstQueriedAt,
        held == 0 ? null : held,
        lastQueriedAt);
  }

  /** A copy with the fields of the run's progress changed, the schedule's kept. */
  private DelayRecord moved(
      int attempt,
      long dueAt,
      String lastStatus,
      int failures,
      int notFound,
      Long firstQueriedAt,
      Long heldMs,
      Long lastQueriedAt) {
    return new DelayRecord(
        v,
        workflowRunId,
        attempt,
        firstSeenAt,
        dueAt,
        lastStatus,
        failures,
        notFound,
        firstQueriedAt,
        heldMs,
        workflowId,
        workflowVersion,
        startTime,
        hintedStart,
        lastQueriedAt,
        schedule,
        tail);
  }

  /** Time since first seen that counts toward {@code poll.max-age}. */
  public long ageMillis(long nowMs) {
    return nowMs - firstSeenAt - heldMillis();
  }
}
