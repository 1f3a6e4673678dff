package io.workflowresult.resolver;

import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Completion of one partition's records, which finish out of order. The committable position is the
 * first incomplete offset (or one past the last record seen when all are complete): committing it
 * never skips a record whose outputs are not yet acknowledged. What completed beyond it ({@link
 * #completedBeyond}) goes with each commit as its metadata, and what an earlier owner completed
 * beyond its last commit ({@link #restore}) is complete here as soon as it is fetched ({@link
 * #completedBefore}). Not thread-safe: owned by the poll thread.
 */
public final class OffsetTracker {
  private final TreeSet<Long> incomplete = new TreeSet<>();
  private long nextOffset = -1;
  private long lastCommitted = -1;
  private long committedBase = -1;
  private boolean completedSinceCommit;
  private long restoredAt = -1;
  private CompletedOffsets restored = CompletedOffsets.NONE;

  /**
   * Before any record is taken: the committed position of the partition and the offsets beyond it
   * that an earlier owner completed. They stay known only if the first record taken is not before
   * {@code position} (a fetch that starts elsewhere does not read the log the commit describes).
   */
  public void restore(long position, CompletedOffsets done) {
    if (nextOffset < 0) {
      restoredAt = position;
      restored = done.from(position);
      lastCommitted = position;
    }
  }

  /** A record was taken from the partition; offsets arrive in increasing order. */
  public void register(long offset) {
    if (nextOffset < 0 && offset < restoredAt) {
      restored = CompletedOffsets.NONE;
    }
    incomplete.add(offset);
    if (committedBase < 0) {
      committedBase = offset;
    }
    nextOffset = Math.max(nextOffset, offset + 1);
  }

  /** Whether the record at {@code offset} was complete before this assignment (see restore). */
  public boolean completedBefore(long offset) {
    return restored.contains(offset);
  }

  /** Every output of the record at {@code offset} is acknowledged. */
  public void complete(long offset) {
    if (incomplete.remove(offset)) {
      completedSinceCommit = true;
    }
  }

  /** The position to commit, if any record was seen. */
  public OptionalLong committable() {
    if (nextOffset < 0) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(incomplete.isEmpty() ? nextOffset : incomplete.first());
  }

  /**
   * The position to commit if it moved, or records completed beyond it, since the last {@link
   * #committed(long)}.
   */
  public OptionalLong toCommit() {
    OptionalLong c = committable();
    return c.isPresent() && (c.getAsLong() > lastCommitted || completedSinceCommit)
        ? c
        : OptionalLong.empty();
  }

  /**
   * The offsets after {@code position} known to be complete: those taken and completed (offsets
   * never taken below the last one seen, such as transaction markers, count as complete), and those
   * restored that were not taken yet.
   */
  CompletedOffsets completedBeyond(long position) {
    CompletedOffsets.Builder b = CompletedOffsets.builder();
    if (nextOffset >= 0) {
      long previous = position;
      for (long o : incomplete.tailSet(position, false)) {
        if (o > previous + 1) {
          b.add(previous + 1, o);
        }
        previous = o;
      }
      if (nextOffset > previous + 1) {
        b.add(previous + 1, nextOffset);
      }
    }
    return b.addAll(restored.from(Math.max(position, nextOffset))).build();
  }

  /** A commit failed: the position is committed again next time. */
  public void commitFailed() {
    lastCommitted = -1;
  }

  /** Records that {@code position} was committed. */
  public void committed(long position) {
    lastCommitted = Math.max(lastCommitted, position);
    committedBase = Math.max(committedBase, position);
    completedSinceCommit = false;
  }

  /** Records seen and complete whose offsets are not committed yet (for a gauge). */
  public long completedUncommitted() {
    if (nextOffset < 0) {
      return 0;
    }
    return Math.max(0, nextOffset - committedBase - incomplete.tailSet(committedBase).size());
  }
}
