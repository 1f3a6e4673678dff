package io.workflowresult.resolver;

import io.workflowresult.delay.DelayBuffer;
import io.workflowresult.delay.PendingRun;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delay partitions the resolver owns: a {@link PartitionState} per assignment, their pausing,
 * and their commits ({@link OffsetCommits}) — every {@code commitInterval} asynchronously, and
 * synchronously when they are revoked or the resolver stops. On assignment, what the last commit
 * says was completed beyond its position is restored. On revocation the partition's waiting runs
 * are dropped, its runs in flight get up to {@code revocationTimeout} to finish ({@link Settling}),
 * then what completed is committed; on loss everything is dropped and nothing committed. Not
 * thread-safe: the poll thread owns it (the rebalance listener runs inside {@code poll}).
 */
final class OwnedPartitions {
  private static final Logger log = LoggerFactory.getLogger(OwnedPartitions.class);

  /** Waits, bounded, until partitions have nothing outstanding. */
  @FunctionalInterface
  interface Settling {
    void awaitOutstanding(Collection<PartitionState> states, long deadlineMs);
  }

  private final Consumer<byte[], byte[]> consumer;
  private final DelayBuffer buffer;
  private final long commitIntervalMs;
  private final long revocationTimeoutMs;
  private final Settling settling;
  private final BooleanSupplier stopping;
  private final Clock clock;
  private final OffsetCommits commits;
  private final Map<TopicPartition, PartitionState> owned = new HashMap<>();
  private boolean pausedAll;
  private long nextCommitAt;

  OwnedPartitions(
      Consumer<byte[], byte[]> consumer,
      DelayBuffer buffer,
      Duration commitInterval,
      Duration revocationTimeout,
      Settling settling,
      BooleanSupplier stopping,
      Clock clock) {
    this.consumer = consumer;
    this.buffer = buffer;
    this.commitIntervalMs = commitInterval.toMillis();
    this.revocationTimeoutMs = revocationTimeout.toMillis();
    this.settling = settling;
    this.stopping = stopping;
    this.clock = clock;
    this.commits = new OffsetCommits(consumer);
  }

  /** The listener to subscribe with. */
  ConsumerRebalanceListener listener() {
    return new Rebalancing();
  }

  /** The current assignment of {@code partition}; null when it is not owned. */
  PartitionState get(TopicPartition partition) {
    return owned.get(partition);
  }

  /** Whether {@code state} is still the current assignment of its partition. */
  boolean isCurrent(PartitionState state) {
    return owned.get(state.partition) == state;
  }

  /** Every output of {@code run} is acknowledged (or it needs none), if its partition is owned. */
  void complete(PendingRun run) {
    PartitionState state = owned.get(run.partition());
    if (state != null) {
      state.offsets.complete(run.offset());
    }
  }

  /** Pauses or resumes every owned partition. */
  void pauseAll(boolean want) {
    if (want != pausedAll) {
      if (want) {
        consumer.pause(consumer.assignment());
      } else {
        consumer.resume(consumer.assignment());
      }
      pausedAll = want;
      log.debug("delay partitions {}", want ? "paused" : "resumed");
    }
  }

  /** Commits what completed, asynchronously, once per commit interval. */
  void maybeCommit(long nowMs) {
    if (nowMs < nextCommitAt) {
      return;
    }
    nextCommitAt = nowMs + commitIntervalMs;
    commits.commitAsync(owned.values(), owned::get);
  }

  /**
   * Stops: pauses everything, drops the waiting runs (uncommitted, they are read again), waits up
   * to {@code timeout} for what is outstanding, commits what completed.
   *
   * @return runs still outstanding (they are read again by the next owner)
   */
  int settleForShutdown(Duration timeout) {
    consumer.pause(consumer.assignment());
    pausedAll = true;
    buffer.clearWaiting();
    settling.awaitOutstanding(List.copyOf(owned.values()), clock.millis() + timeout.toMillis());
    commits.commitSync(owned.values());
    return outstanding(owned.values());
  }

  /** Runs of owned partitions whose request or output is not finished. */
  int outstanding() {
    return outstanding(owned.values());
  }

  /** Records whose outputs are acknowledged but whose offsets are not committed yet. */
  long completedUncommitted() {
    return owned.values().stream().mapToLong(s -> s.offsets.completedUncommitted()).sum();
  }

  private static int outstanding(Collection<PartitionState> states) {
    return states.stream().mapToInt(s -> s.outstanding).sum();
  }

  private final class Rebalancing implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      List<PartitionState> assigned = new ArrayList<>();
      for (TopicPartition tp : partitions) {
        PartitionState state = new PartitionState(tp);
        owned.put(tp, state);
        assigned.add(state);
      }
      commits.restore(assigned);
      if (pausedAll && !partitions.isEmpty()) {
        consumer.pause(partitions);
      }
      if (!partitions.isEmpty()) {
        log.info("delay partitions assigned: {}", partitions);
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      List<PartitionState> states = new ArrayList<>();
      for (TopicPartition tp : partitions) {
        PartitionState s = owned.get(tp);
        if (s != null) {
          states.add(s);
          buffer.dropPartition(tp);
        }
      }
      if (states.isEmpty()) {
        return;
      }
      long wait = stopping.getAsBoolean() ? 0 : revocationTimeoutMs;
      settling.awaitOutstanding(states, clock.millis() + wait);
      commits.commitSync(states);
      int left = outstanding(states);
      for (PartitionState s : states) {
        owned.remove(s.partition);
      }
      if (left > 0) {
        log.warn(
            "delay partitions {} revoked with {} runs still in flight: the new owner queries them"
                + " again",
            partitions,
            left);
      } else {
        log.info("delay partitions revoked: {}", partitions);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      for (TopicPartition tp : partitions) {
        buffer.dropPartition(tp);
        owned.remove(tp);
      }
      log.warn("delay partitions lost: {}; their state dropped, nothing committed", partitions);
    }
  }
}
