package io.workflowresult.delay.learned;

import io.workflowresult.delay.learned.SampleWindow.Generation;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * What {@link RunTimeBook} knows of one workflow version: this instance's own windows, the other
 * instances' samples merged, and the ladder times computed from both (reused for a minute, or until
 * either changes). Not thread-safe: the book guards it.
 */
final class WorkflowHistory {
  /** How long computed ladder times are reused before the horizon is applied again. */
  private static final long CACHE_MS = Duration.ofMinutes(1).toMillis();

  private final Map<RunTimeMeasure, SampleWindow> own = new EnumMap<>(RunTimeMeasure.class);
  private final Map<RunTimeMeasure, Histogram> peers = new EnumMap<>(RunTimeMeasure.class);
  private final Map<RunTimeMeasure, Cached> cache = new EnumMap<>(RunTimeMeasure.class);
  private boolean changed;

  private record Cached(Optional<LadderTimes> times, long computedAt) {}

  void learn(RunTiming timing, long baseMs, long nowMs, int generationSize) {
    timing
        .executionMillis()
        .ifPresent(ms -> window(RunTimeMeasure.EXECUTION, generationSize).record(ms, nowMs));
    timing
        .millisAfter(baseMs)
        .ifPresent(ms -> window(RunTimeMeasure.SEEN_TO_END, generationSize).record(ms, nowMs));
    changed = true;
    cache.clear();
  }

  private SampleWindow window(RunTimeMeasure measure, int generationSize) {
    return own.computeIfAbsent(measure, m -> new SampleWindow(generationSize));
  }

  /** The ladder times from own samples within the horizon and the others'; empty if too few. */
  Optional<LadderTimes> estimate(
      RunTimeMeasure measure, long nowMs, long oldestAllowedMs, int minSamples, LadderRule rule) {
    Cached cached = cache.get(measure);
    if (cached != null && nowMs - cached.computedAt() < CACHE_MS && nowMs >= cached.computedAt()) {
      return cached.times();
    }
    Histogram merged = new Histogram(SampleWindow.SIGNIFICANT_DIGITS);
    SampleWindow mine = own.get(measure);
    if (mine != null) {
      mine.addTo(merged, oldestAllowedMs);
    }
    Histogram theirs = peers.get(measure);
    if (theirs != null) {
      merged.add(theirs);
    }
    Optional<LadderTimes> times = Optional.empty();
    long samples = merged.getTotalCount();
    if (samples >= minSamples) {
      times = Optional.of(new LadderTimes(rule.times(merged), samples));
    }
    cache.put(measure, new Cached(times, nowMs));
    return times;
  }

  boolean changed() {
    return changed;
  }

  /** Marks the own windows changed (or written), if there are any. */
  void changed(boolean changed) {
    this.changed = changed && !own.isEmpty();
  }

  /** Copies of the own windows' generations. */
  Map<RunTimeMeasure, List<Generation>> ownCopy() {
    Map<RunTimeMeasure, List<Generation>> windows = new EnumMap<>(RunTimeMeasure.class);
    own.forEach((m, w) -> windows.put(m, w.copy().generations()));
    return windows;
  }

  /**
   * Takes back own windows written before a restart, unless it learned since; drops generations
   * older than {@code oldestAllowedMs}. Returns when the newest sample taken back was taken.
   */
  Optional<Long> restore(
      Map<RunTimeMeasure, List<Generation>> written, long oldestAllowedMs, int generationSize) {
    if (!own.isEmpty()) {
      return Optional.empty();
    }
    written.forEach(
        (m, generations) -> {
          List<Generation> fresh =
              generations.stream().filter(g -> g.lastSampleAt() >= oldestAllowedMs).toList();
          if (!fresh.isEmpty()) {
            own.put(m, SampleWindow.of(generationSize, fresh));
          }
        });
    cache.clear();
    return own.values().stream().map(SampleWindow::lastSampleAt).max(Long::compare);
  }

  void addPeer(RunTimeMeasure measure, Generation generation) {
    peers
        .computeIfAbsent(measure, m -> new Histogram(SampleWindow.SIGNIFICANT_DIGITS))
        .add(generation.histogram());
    cache.clear();
  }

  void clearPeers() {
    peers.clear();
    cache.clear();
  }

  boolean isEmpty() {
    return own.isEmpty() && peers.isEmpty();
  }
}
