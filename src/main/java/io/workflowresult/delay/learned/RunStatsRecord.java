package io.workflowresult.delay.learned;

import io.workflowresult.delay.learned.SampleWindow.Generation;
import java.util.List;
import java.util.Map;

/**
 * One record of {@code topics.run-stats}: what one instance learned of one workflow version's run
 * times, its own samples only. The key names the workflow, the version and the instance, so no
 * instance overwrites another's samples, and a reader merges the latest record of every key.
 *
 * <pre>{@code
 * key:   ["wf-7d1c2a0e","1.0.1","instance-a"]
 * value: {"v":1,"workflowId":"wf-7d1c2a0e","workflowVersion":"1.0.1","instance":"instance-a",
 *         "updatedAt":1767225600000,
 *         "windows":{"execution":[{"lastSampleAt":1767225500000,"count":200,"histogram":"HISTFAA..."},
 *                                 {"lastSampleAt":1767225599000,"count":37,"histogram":"..."}],
 *                    "seenToEnd":[...]}}
 * }</pre>
 *
 * <p>{@code windows} has one entry per {@link RunTimeMeasure} (its {@link
 * RunTimeMeasure#wireName()}), each the generations of its {@link SampleWindow}, oldest first: when
 * the last sample was taken, how many samples, and the HdrHistogram in its compressed encoding,
 * base64. Readers ignore unknown fields and measures; a later version keeps {@code "v"} readable.
 *
 * @param key the workflow and version
 * @param instance the instance that learned it
 * @param updatedAt when the instance wrote it
 * @param windows per measure, the generations, oldest first
 */
public record RunStatsRecord(
    WorkflowKey key,
    String instance,
    long updatedAt,
    Map<RunTimeMeasure, List<Generation>> windows) {

  public static final int VERSION = 1;

  /** When the newest sample of any window was taken; {@link Long#MIN_VALUE} without samples. */
  public long lastSampleAt() {
    return windows.values().stream()
        .flatMap(List::stream)
        .mapToLong(Generation::lastSampleAt)
        .max()
        .orElse(Long.MIN_VALUE);
  }

  RunTimeBook.OwnSnapshot snapshot() {
    return new RunTimeBook.OwnSnapshot(key, windows);
  }
}
