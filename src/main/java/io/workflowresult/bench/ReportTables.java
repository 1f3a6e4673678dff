package io.workflowresult.bench;

import java.util.List;
import java.util.Locale;

/**
 * The bench report as Markdown: a header, the service's cases, the raw limits and the baselines.
 */
final class ReportTables {
  private ReportTables() {}

  static String markdown(
      BenchReport.Header h,
      List<Measurements.Raw> raws,
      List<Measurements.Naive> naives,
      List<BenchReport.Row> rows,
      Measurements.Heap heap) {
    StringBuilder out = new StringBuilder();
    out.append("# Benchmark\n\n");
    out.append("- date: ").append(h.date()).append('\n');
    out.append("- machine: ").append(h.machine()).append('\n');
    out.append("- java: ").append(h.java()).append('\n');
    out.append("- service: ").append(h.serviceJar()).append('\n');
    out.append("- load average (1, 5, 15 min) at start: ").append(h.loadAverage()).append("\n\n");
    out.append("## The service, end to end (input topic to results and cost totals)\n\n");
    out.append(
        "| case | N | runs/s | requests/s | of C/L | of raw | × naive | CPU ms/run (steady)"
            + " | start-up CPU s (first result after s) | p50 / p99 ms first query → result"
            + " | re-query lateness p99 ms | peak RSS MB | load avg start → end |\n");
    out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (BenchReport.Row r : rows) {
      Measurements.Case c = r.result();
      if (c.error() != null) {
        out.append("| ").append(c.name()).append(" | FAILED: ").append(c.error());
        out.append(" |||||||||||\n");
        continue;
      }
      out.append(
          f(
              "| %s | %d | %.0f | %.0f | %.2f | %s | %s | %.3f | %.1f (%.1f) | %d / %d | %s | %d | %s → %s |\n",
              c.name(),
              c.runs(),
              c.runsPerSecond(),
              c.requestsPerSecond(),
              r.ofLittle(),
              r.ofRaw() == null ? "–" : f("%.2f", r.ofRaw()),
              r.timesNaive() == null ? "–" : f("%.0f", r.timesNaive()),
              c.steadyCpuMsPerRun(),
              c.startupCpuMs() / 1000,
              c.timeToFirstResultMs() / 1000.0,
              c.latencyP50Ms(),
              c.latencyP99Ms(),
              c.requeryLatenessP99Ms() == null
                  ? "–"
                  : f(
                      "%d (max %d, %d re-queries)",
                      c.requeryLatenessP99Ms(), c.requeryLatenessMaxMs(), c.requeries()),
              c.peakRssMb(),
              c.loadAverageStart(),
              c.loadAverageEnd()));
    }
    out.append("\n## The limit: the raw `java.net.http` client, no Kafka\n\n");
    out.append("| C × L, protocol | requests/s | of C/L | load avg |\n|---|---|---|---|\n");
    for (Measurements.Raw raw : raws) {
      out.append(
          f(
              "| %d × %d ms, %s | %.0f | %.2f | %s |\n",
              raw.inFlight(),
              raw.latencyMs(),
              raw.protocol(),
              raw.requestsPerSecond(),
              raw.requestsPerSecond() / BenchReport.littleBound(raw.inFlight(), raw.latencyMs()),
              raw.loadAverage()));
    }
    out.append("\n## The naive baseline: one consumer, one synchronous call at a time\n\n");
    for (Measurements.Naive n : naives) {
      out.append(
          f(
              "- L = %d ms: %.1f runs/s (%d runs in %.0f s; load avg %s)\n",
              n.latencyMs(), n.runsPerSecond(), n.runs(), n.seconds(), n.loadAverage()));
    }
    if (heap != null) {
      out.append("\n## Memory with runs waiting on the delay topic\n\n");
      out.append(
          heap.error() != null
              ? "- FAILED: " + heap.error() + "\n"
              : f(
                  "- %d runs due in 2 h: heap after a full GC %d MB (of %d MB committed), RSS %d"
                      + " MB; load avg %s\n",
                  heap.delayedRuns(),
                  heap.heapUsedAfterGcMb(),
                  heap.heapCommittedMb(),
                  heap.rssMb(),
                  heap.loadAverage()));
    }
    return out.toString();
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
