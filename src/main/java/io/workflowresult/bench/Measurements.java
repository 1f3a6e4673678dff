package io.workflowresult.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** What each tool measured, written as one JSON file per measurement and read by the report. */
final class Measurements {
  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Measurements() {}

  /** The raw HTTP limit: {@code requests} answered in {@code seconds} after a warm-up. */
  record Raw(
      String kind,
      String protocol,
      int inFlight,
      int latencyMs,
      double seconds,
      long requests,
      double requestsPerSecond,
      Map<String, Long> statuses,
      String loadAverage) {}

  /** The naive baseline: runs resolved one at a time within the time box. */
  record Naive(
      String kind,
      int latencyMs,
      double seconds,
      long runs,
      double runsPerSecond,
      String loadAverage) {}

  /**
   * One end-to-end case of the service. Times in ms; rates from the first to the last result; CPU
   * of the service's process only.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Case(
      String kind,
      String name,
      String protocol,
      String mix,
      int inFlight,
      int latencyMs,
      long runs,
      long requests,
      double seconds,
      double runsPerSecond,
      double requestsPerSecond,
      long timeToFirstResultMs,
      double startupCpuMs,
      double steadyCpuMs,
      double steadyCpuMsPerRun,
      long totalsCompleteAfterLastResultMs,
      long latencyP50Ms,
      long latencyP99Ms,
      Long requeryLatenessP99Ms,
      Long requeryLatenessMaxMs,
      Long requeries,
      long peakRssMb,
      String loadAverageStart,
      String loadAverageEnd,
      String error) {}

  /**
   * The service's heap after a full GC with {@code delayedRuns} runs waiting on the delay topic.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Heap(
      String kind,
      long delayedRuns,
      long heapUsedAfterGcMb,
      long heapCommittedMb,
      long rssMb,
      String loadAverage,
      String error) {}

  static void write(Path file, Object measurement) throws IOException {
    JSON.writeValue(file.toFile(), measurement);
  }
}
