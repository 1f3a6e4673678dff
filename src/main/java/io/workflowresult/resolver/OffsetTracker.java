package io.workflowresult.resolver;

import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Completion of one partition's records, which finish out of order. The committable position is the
 * first incomplete offset (or one past the last record seen when all are complete): committing it
 * never skips a record whose outputs are not yet acknowledged. Not thread-safe: owned by the poll
 * thread.
 */
public final class OffsetTracker {
  private final TreeSet<Long> incomplete = new TreeSet<>();
  private long nextOffset = -1;
  private long lastCommitted = -1;
  private long committedBase = -1;

  /** A record was taken from the partition; offsets arrive in increasing order. */
  public void register(long offset) {
    incomplete.add(offset);
    if (committedBase < 0) {
      committedBase = offset;
    }
    nextOffset = Math.max(nextOffset, offset + 1);
  }

  /** Every output of the record at {@code offset} is acknowledged. */
  public void complete(long offset) {
    incomplete.remove(offset);
  }

  /** The position to commit, if any record was seen. */
  public OptionalLong committable() {
    if (nextOffset < 0) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(incomplete.isEmpty() ? nextOffset : incomplete.first());
  }

  /** The position to commit if it moved since the last {@link #committed(long)}. */
  public OptionalLong toCommit() {
    OptionalLong c = committable();
    return c.isPresent() && c.getAsLong() > lastCommitted ? c : OptionalLong.empty();
  }

  /** A commit failed: the position is committed again next time. */
  public void commitFailed() {
    lastCommitted = -1;
  }

  /** Records that {@code position} was committed. */
  public void committed(long position) {
    lastCommitted = Math.max(lastCommitted, position);
    committedBase = Math.max(committedBase, position);
  }

  /** Records seen and complete whose offsets are not committed yet (for a gauge). */
  public long completedUncommitted() {
    if (nextOffset < 0) {
      return 0;
    }
    return Math.max(0, nextOffset - committedBase - incomplete.tailSet(committedBase).size());
  }
}
