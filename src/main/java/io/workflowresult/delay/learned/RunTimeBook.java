package io.workflowresult.delay.learned;

import io.workflowresult.delay.learned.SampleWindow.Generation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What this instance knows of each workflow's run times: its own samples ({@link SampleWindow}s per
 * {@link WorkflowKey} and {@link RunTimeMeasure}) and the latest samples of the other instances of
 * its {@code app.id} (read from {@code topics.run-stats}), merged when asked.
 *
 * <p>Bounded: at most {@code maxWorkflows} keys; the key least recently learned or asked about is
 * forgotten first. Forgetting: windows hold the last {@code generationSize}–{@code 2 ×
 * generationSize} samples of a key, and none whose generation ended before the horizon. Own samples
 * and the others' are kept apart, so that writing its own back never counts another's twice.
 * Thread-safe (one lock; every operation is short).
 */
public final class RunTimeBook implements RunTimeEstimates {
  /**
   * Bounds of the book.
   *
   * @param maxWorkflows keys (workflow and version) tracked at most
   * @param generationSize samples per generation of a window
   * @param horizon generations whose last sample is older are forgotten
   * @param minSamples samples a key needs before its times are used
   */
  public record Limits(int maxWorkflows, int generationSize, Duration horizon, int minSamples) {
    public static final int DEFAULT_MAX_WORKFLOWS = 1000;
    public static final int DEFAULT_GENERATION_SIZE = 200;
    public static final Duration DEFAULT_HORIZON = Duration.ofDays(7);

    public Limits {
      if (maxWorkflows < 1 || generationSize < 1 || minSamples < 1 || horizon.isNegative()) {
        throw new IllegalArgumentException("book limits must be positive: " + maxWorkflows);
      }
    }

    /** The defaults, with the samples needed from {@code poll.learned-min-samples}. */
    public static Limits withMinSamples(int minSamples) {
      return new Limits(
          DEFAULT_MAX_WORKFLOWS, DEFAULT_GENERATION_SIZE, DEFAULT_HORIZON, minSamples);
    }
  }

  private final Limits limits;
  private final LadderRule ladder;
  private final Map<WorkflowKey, WorkflowHistory> histories;

  /** Per workflow, the versions tracked and when each was last learned. */
  private final Map<String, Map<String, Long>> versions = new HashMap<>();

  /**
   * @param ladder how a workflow's learned times become the times its runs are asked at
   */
  public RunTimeBook(Limits limits, LadderRule ladder) {
    this.limits = limits;
    this.ladder = ladder;
    this.histories =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<WorkflowKey, WorkflowHistory> eldest) {
            if (size() <= limits.maxWorkflows()) {
              return false;
            }
            forgetVersion(eldest.getKey());
            return true;
          }
        };
  }

  /**
   * Learns a terminal run's times: its own time, and the time from {@code baseMs} (when it was
   * first seen, or the start its input hinted) to its end. Failed runs count like the others.
   */
  public synchronized void learn(RunTiming timing, long baseMs, long nowMs) {
    WorkflowKey key = timing.key();
    histories
        .computeIfAbsent(key, k -> new WorkflowHistory())
        .learn(timing, baseMs, nowMs, limits.generationSize());
    noteVersion(key, nowMs);
  }

  @Override
  public synchronized Optional<LadderTimes> ladderTimes(
      String workflowId, Optional<String> version, RunTimeMeasure measure, long nowMs) {
    if (version.isPresent()) {
      Optional<LadderTimes> exact =
          estimate(new WorkflowKey(workflowId, version.get()), measure, nowMs);
      if (exact.isPresent()) {
        return exact;
      }
    }
    // the most recently learned other version that is known well enough stands in
    List<String> others =
        versions.getOrDefault(workflowId, Map.of()).entrySet().stream()
            .filter(v -> version.isEmpty() || !v.getKey().equals(version.get()))
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
            .map(Map.Entry::getKey)
            .toList();
    for (String other : others) {
      Optional<LadderTimes> times = estimate(new WorkflowKey(workflowId, other), measure, nowMs);
      if (times.isPresent()) {
        return times;
      }
    }
    return Optional.empty();
  }

  private Optional<LadderTimes> estimate(WorkflowKey key, RunTimeMeasure measure, long nowMs) {
    WorkflowHistory h = histories.get(key);
    if (h == null) {
      return Optional.empty();
    }
    return h.estimate(
        measure, nowMs, nowMs - limits.horizon().toMillis(), limits.minSamples(), ladder);
  }

  /** Keys (workflow and version) tracked now, own or the others'. */
  public synchronized int tracked() {
    return histories.size();
  }

  /** This instance's own windows of one key, as they are to be written. */
  record OwnSnapshot(WorkflowKey key, Map<RunTimeMeasure, List<Generation>> windows) {}

  /** Copies of the own windows learned since the last call, and forgets that they changed. */
  synchronized List<OwnSnapshot> takeChanged() {
    List<OwnSnapshot> out = new ArrayList<>();
    histories.forEach(
        (key, h) -> {
          if (h.changed()) {
            out.add(new OwnSnapshot(key, h.ownCopy()));
            h.changed(false);
          }
        });
    return out;
  }

  /** Marks a key's own windows as changed again (its write failed), if it is still tracked. */
  synchronized void changedAgain(WorkflowKey key) {
    WorkflowHistory h = histories.get(key);
    if (h != null) {
      h.changed(true);
    }
  }

  /**
   * Takes back what this instance wrote before a restart, for a key it has learned nothing of
   * since; older generations than the horizon are dropped.
   */
  synchronized void restoreOwn(OwnSnapshot written, long nowMs) {
    histories
        .computeIfAbsent(written.key(), k -> new WorkflowHistory())
        .restore(written.windows(), nowMs - limits.horizon().toMillis(), limits.generationSize())
        .ifPresent(at -> noteVersion(written.key(), at));
    dropEmpty();
  }

  /**
   * Replaces what is known of the other instances by their latest records: each instance's
   * generations within the horizon, merged per key.
   */
  synchronized void replacePeers(List<OwnSnapshot> others, long nowMs) {
    histories.values().forEach(WorkflowHistory::clearPeers);
    long oldest = nowMs - limits.horizon().toMillis();
    for (OwnSnapshot other : others) {
      for (Map.Entry<RunTimeMeasure, List<Generation>> w : other.windows().entrySet()) {
        for (Generation g : w.getValue()) {
          if (g.lastSampleAt() >= oldest) {
            histories
                .computeIfAbsent(other.key(), k -> new WorkflowHistory())
                .addPeer(w.getKey(), g);
            noteVersion(other.key(), g.lastSampleAt());
          }
        }
      }
    }
    dropEmpty();
  }

  private void dropEmpty() {
    List<WorkflowKey> empty =
        histories.entrySet().stream()
            .filter(e -> e.getValue().isEmpty())
            .map(Map.Entry::getKey)
            .toList();
    empty.forEach(
        key -> {
          histories.remove(key);
          forgetVersion(key);
        });
  }

  private void noteVersion(WorkflowKey key, long at) {
    versions
        .computeIfAbsent(key.workflowId(), id -> new HashMap<>())
        .merge(key.workflowVersion(), at, Math::max);
  }

  private void forgetVersion(WorkflowKey key) {
    Map<String, Long> known = versions.get(key.workflowId());
    if (known != null) {
      known.remove(key.workflowVersion());
      if (known.isEmpty()) {
        versions.remove(key.workflowId());
      }
    }
  }
}
