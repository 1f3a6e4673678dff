package io.workflowresult.delay.learned;

import java.util.Locale;
import java.util.Optional;

/** Which schedule a run is asked by; a label of the run for its metrics and its delay record. */
public enum ScheduleKind {
  /** The exponential schedule of {@code poll.*} alone: no history yet, or {@code fixed}. */
  FIXED,
  /** The learned ladder after an answer (its tail is the exponential schedule again). */
  LEARNED,
  /** The first query itself was timed from the input's {@code workflowId} and {@code startTime}. */
  HINTED;

  /** Its spelling in records and metric tags: {@code fixed}, {@code learned}, {@code hinted}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The kind of that spelling; empty for any other text (a later version's kind, say). */
  public static Optional<ScheduleKind> ofWireName(String text) {
    for (ScheduleKind kind : values()) {
      if (kind.wireName().equals(text)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /**
   * The run's label once a decision of kind {@code next} was made: a hinted run stays hinted, a run
   * asked by the ladder once is learned.
   */
  public static ScheduleKind combine(Optional<ScheduleKind> sofar, ScheduleKind next) {
    if (sofar.isEmpty()) {
      return next;
    }
    return sofar.get().ordinal() >= next.ordinal() ? sofar.get() : next;
  }
}
