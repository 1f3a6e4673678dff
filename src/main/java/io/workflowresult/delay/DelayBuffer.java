package io.workflowresult.delay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;

/**
 * Delayed runs held until due, with coalescing: per partition, each run has at most one live copy —
 * waiting, or in flight. Not thread-safe: owned by the poll thread.
 *
 * <p>Coalescing keeps the copy with the highest {@code attempt} (the one already held on a tie);
 * {@link #offer} returns the copies it made redundant, which the caller completes without a
 * request. A copy that arrives while another is in flight is parked: it may be that very request's
 * re-delay, which only the re-delay's acknowledged offset can tell ({@link #finished}). Once a
 * request's re-delay is acknowledged, copies with no higher attempt are redundant, since the
 * re-delay is on its way.
 */
public final class DelayBuffer {
  private static final Comparator<PendingRun> BY_DUE =
      Comparator.<PendingRun>comparingLong(r -> r.record().dueAt())
          .thenComparing(r -> r.partition().topic())
          .thenComparingInt(r -> r.partition().partition())
          .thenComparingLong(PendingRun::offset);

  /** Waiting re-queries (attempt > 0): among due runs they go first. */
  private final TreeSet<PendingRun> requeries = new TreeSet<>(BY_DUE);

  /** Waiting new runs (attempt 0). */
  private final TreeSet<PendingRun> fresh = new TreeSet<>(BY_DUE);

  private final Map<TopicPartition, Map<String, Slot>> slots = new HashMap<>();
  private int parked;
  private int inFlight;

  /** The state of one run in one partition. */
  private static final class Slot {
    PendingRun waiting;
    PendingRun inFlight;
    final List<PendingRun> parked = new ArrayList<>();
    long expectedOffset = -1;
    int expectedAttempt;
  }

  /** Takes a record in; returns the records it made redundant (possibly itself). */
  public List<PendingRun> offer(PendingRun run) {
    Slot slot = slots.computeIfAbsent(run.partition(), p -> new HashMap<>()).get(run.runId());
    if (slot == null) {
      slot = new Slot();
      slots.get(run.partition()).put(run.runId(), slot);
    }
    if (slot.inFlight != null) {
      slot.parked.add(run);
      parked++;
      return List.of();
    }
    if (slot.expectedOffset >= 0) {
      if (run.offset() == slot.expectedOffset) {
        slot.expectedOffset = -1;
      } else if (run.record().attempt() <= slot.expectedAttempt) {
        return List.of(run);
      }
    }
    if (slot.waiting == null) {
      slot.waiting = run;
      setOf(run).add(run);
      return List.of();
    }
    if (run.record().attempt() > slot.waiting.record().attempt()) {
      PendingRun displaced = slot.waiting;
      setOf(displaced).remove(displaced);
      slot.waiting = run;
      setOf(run).add(run);
      return List.of(displaced);
    }
    return List.of(run);
  }

  /** Whether a waiting run is due by {@code nowMs}. */
  public boolean hasDue(long nowMs) {
    return isDue(requeries, nowMs) || isDue(fresh, nowMs);
  }

  private static boolean isDue(TreeSet<PendingRun> set, long nowMs) {
    return !set.isEmpty() && set.first().record().dueAt() <= nowMs;
  }

  private TreeSet<PendingRun> setOf(PendingRun run) {
    return run.record().attempt() > 0 ? requeries : fresh;
  }

  /** Waiting runs due by {@code nowMs}, counted up to {@code cap}. */
  public int dueCount(long nowMs, int cap) {
    int n = 0;
    for (TreeSet<PendingRun> set : List.of(requeries, fresh)) {
      for (PendingRun r : set) {
        if (n >= cap || r.record().dueAt() > nowMs) {
          break;
        }
        n++;
      }
    }
    return n;
  }

  /**
   * The due re-query due first, else the new run due first, if one is due by {@code nowMs}; it is
   * then in flight. Re-queries go first so that a backlog of new input cannot make them late.
   */
  public Optional<PendingRun> takeDue(long nowMs) {
    TreeSet<PendingRun> from =
        isDue(requeries, nowMs) ? requeries : isDue(fresh, nowMs) ? fresh : null;
    if (from == null) {
      return Optional.empty();
    }
    PendingRun run = from.pollFirst();
    Slot slot = slots.get(run.partition()).get(run.runId());
    slot.waiting = null;
    slot.inFlight = run;
    inFlight++;
    return Optional.of(run);
  }

  /**
   * The request for {@code run} is over and its outputs acknowledged.
   *
   * @param redelayOffset offset of its re-delay in the same partition, or {@code -1} when the run
   *     left the delay topic (result or dead letter)
   * @param redelayAttempt the re-delay's attempt
   * @return the parked copies that are now redundant
   */
  public List<PendingRun> finished(PendingRun run, long redelayOffset, int redelayAttempt) {
    Map<String, Slot> bySlot = slots.get(run.partition());
    Slot slot = bySlot == null ? null : bySlot.get(run.runId());
    if (slot == null || slot.inFlight != run) {
      return List.of();
    }
    slot.inFlight = null;
    inFlight--;
    // a finished run is superseded by its own outputs: copies at its attempt or below are redundant
    slot.expectedOffset = redelayOffset;
    slot.expectedAttempt = redelayOffset >= 0 ? redelayAttempt : run.record().attempt();
    List<PendingRun> redundant = new ArrayList<>();
    List<PendingRun> again = new ArrayList<>(slot.parked);
    parked -= slot.parked.size();
    slot.parked.clear();
    if (redelayOffset < 0) {
      slot.expectedOffset = Long.MAX_VALUE; // nothing will come: only a higher attempt is live
    }
    for (PendingRun p : again) {
      redundant.addAll(offer(p));
    }
    if (slot.waiting == null && slot.inFlight == null && slot.parked.isEmpty()) {
      if (slot.expectedOffset == Long.MAX_VALUE) {
        bySlot.remove(run.runId());
      }
    }
    return redundant;
  }

  /**
   * Puts an in-flight run back to wait (its answer was a condition of the instance, not of the
   * run): it is due again at {@code dueAt} (now), the time since its due time added to its held
   * time, with nothing else changed.
   *
   * @return the parked copies now redundant
   */
  public List<PendingRun> requeue(PendingRun run, long dueAt) {
    Map<String, Slot> bySlot = slots.get(run.partition());
    Slot slot = bySlot == null ? null : bySlot.get(run.runId());
    if (slot == null || slot.inFlight != run) {
      return List.of();
    }
    slot.inFlight = null;
    inFlight--;
    PendingRun again =
        new PendingRun(
            run.partition(), run.offset(), run.record().heldUntil(dueAt, dueAt), run.headers());
    List<PendingRun> parkedCopies = new ArrayList<>(slot.parked);
    parked -= slot.parked.size();
    slot.parked.clear();
    List<PendingRun> redundant = new ArrayList<>(offer(again));
    for (PendingRun p : parkedCopies) {
      redundant.addAll(offer(p));
    }
    return redundant;
  }

  /** Forgets every record of a partition (revoked or lost); returns the waiting ones dropped. */
  public List<PendingRun> dropPartition(TopicPartition partition) {
    Map<String, Slot> bySlot = slots.remove(partition);
    List<PendingRun> dropped = new ArrayList<>();
    if (bySlot == null) {
      return dropped;
    }
    for (Slot slot : bySlot.values()) {
      if (slot.waiting != null) {
        setOf(slot.waiting).remove(slot.waiting);
        dropped.add(slot.waiting);
      }
      if (slot.inFlight != null) {
        inFlight--;
      }
      parked -= slot.parked.size();
      dropped.addAll(slot.parked);
    }
    return dropped;
  }

  /** Removes every waiting run (shutdown): they stay uncommitted and are read again. */
  public void clearWaiting() {
    for (TreeSet<PendingRun> set : List.of(requeries, fresh)) {
      for (Iterator<PendingRun> it = set.iterator(); it.hasNext(); ) {
        PendingRun run = it.next();
        slots.get(run.partition()).get(run.runId()).waiting = null;
        it.remove();
      }
    }
  }

  /** Runs waiting for their due time. */
  public int waiting() {
    return requeries.size() + fresh.size();
  }

  /** Waiting runs due at or before {@code nowMs}. */
  public int overdue(long nowMs) {
    return dueCount(nowMs, Integer.MAX_VALUE);
  }

  /** Every record held in memory: waiting, parked and in flight. */
  public int held() {
    return waiting() + parked + inFlight;
  }

  /** When the first waiting run is due. */
  public OptionalLong nextDueAt() {
    if (requeries.isEmpty() && fresh.isEmpty()) {
      return OptionalLong.empty();
    }
    long first = Long.MAX_VALUE;
    for (TreeSet<PendingRun> set : List.of(requeries, fresh)) {
      if (!set.isEmpty()) {
        first = Math.min(first, set.first().record().dueAt());
      }
    }
    return OptionalLong.of(first);
  }

  /** The earliest {@code firstSeenAt} among waiting runs (a scan: call it sparingly). */
  public OptionalLong oldestFirstSeenAt() {
    return java.util.stream.Stream.concat(requeries.stream(), fresh.stream())
        .mapToLong(r -> r.record().firstSeenAt())
        .min();
  }
}
