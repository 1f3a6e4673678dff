package io.workflowresult.demo;

import io.workflowresult.aggregate.CostSum;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * The demo's live view: polls a processor's {@code /metrics} and {@code /costs} until every
 * submitted run is resolved (a result counted in the cost totals, or a dead letter), drawing a
 * progress bar; then prints the summary line and the cost table. Exit code 0 when all were
 * resolved, 1 on timeout.
 *
 * <p>{@code java -cp workflow-result-processor.jar io.workflowresult.demo.DemoProgress URL RUNS
 * TIMEOUT_SECONDS [SUBMITTED_AT_EPOCH_MS]}: with the last argument, the time to resolve everything
 * counts from that instant (when submitting began) instead of from this program's start.
 */
public final class DemoProgress {
  private static final int BAR = 30;
  private static final Duration TICK = Duration.ofMillis(500);

  private final ProcessorProbe probe;
  private final long runs;
  private final PrintStream out;
  private final boolean terminal;
  private final Deque<long[]> history = new ArrayDeque<>();

  DemoProgress(ProcessorProbe probe, long runs, PrintStream out, boolean terminal) {
    this.probe = probe;
    this.runs = runs;
    this.out = out;
    this.terminal = terminal;
  }

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 3 && args.length != 4) {
      System.err.println(
          "usage: DemoProgress PROCESSOR_URL RUNS TIMEOUT_SECONDS [SUBMITTED_AT_EPOCH_MS]");
      System.exit(2);
    }
    long sinceMs =
        args.length == 4 ? Math.max(0, System.currentTimeMillis() - Long.parseLong(args[3])) : 0;
    DemoProgress progress =
        new DemoProgress(
            new ProcessorProbe(args[0]),
            Long.parseLong(args[1]),
            System.out,
            System.console() != null);
    System.exit(
        progress.watch(Duration.ofSeconds(Long.parseLong(args[2])), Duration.ofMillis(sinceMs))
            ? 0
            : 1);
  }

  /** Draws progress until all runs are resolved or {@code timeout} passes; then the summary. */
  boolean watch(Duration timeout) throws InterruptedException {
    return watch(timeout, Duration.ZERO);
  }

  /**
   * As {@link #watch(Duration)}; the runs were submitted {@code alreadyElapsed} ago, which the
   * summary's time to resolve them includes.
   */
  boolean watch(Duration timeout, Duration alreadyElapsed) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long start = System.nanoTime() - alreadyElapsed.toNanos();
    long lastLine = 0;
    String problem = "no answer from the processor yet";
    while (System.nanoTime() < deadline) {
      try {
        ProcessorProbe.Gauges g = probe.gauges();
        List<CostSum> costs = probe.costs();
        long resolved = costs.stream().mapToLong(CostSum::runs).sum();
        long deadLettered = (long) g.deadLetters();
        long done = resolved + deadLettered;
        boolean finished = done >= runs;
        long now = System.nanoTime();
        if (terminal || finished || now - lastLine > Duration.ofSeconds(2).toNanos()) {
          draw(done, g, deadLettered, rate(now, done), finished);
          lastLine = now;
        }
        if (finished) {
          summary(costs, deadLettered, g, Duration.ofNanos(now - start));
          return true;
        }
        problem = "";
      } catch (IOException e) {
        problem = e.getMessage();
      }
      Thread.sleep(TICK.toMillis());
    }
    out.println();
    out.println(
        "timed out after "
            + timeout.toSeconds()
            + "s waiting for every run to resolve"
            + (problem.isEmpty() ? "" : " (" + problem + ")"));
    return false;
  }

  private double rate(long now, long done) {
    history.addLast(new long[] {now, done});
    while (history.size() > 2 && now - history.peekFirst()[0] > Duration.ofSeconds(3).toNanos()) {
      history.removeFirst();
    }
    long[] first = history.peekFirst();
    double seconds = (now - first[0]) / 1e9;
    return seconds <= 0 ? 0 : (done - first[1]) / seconds;
  }

  private void draw(
      long done, ProcessorProbe.Gauges g, long deadLettered, double perSecond, boolean finished) {
    int filled = (int) Math.min(BAR, runs == 0 ? BAR : done * BAR / runs);
    String line =
        String.format(
            "[%s%s] %d/%d resolved | in flight %d | waiting on delay topic %d | dead-lettered %d"
                + " | %.0f runs/s",
            "#".repeat(filled),
            "-".repeat(BAR - filled),
            done,
            runs,
            (long) g.inFlight(),
            (long) (g.waiting() + g.unfetched()),
            deadLettered,
            perSecond);
    if (terminal) {
      out.print("\r" + line + "\u001b[K");
      if (finished) {
        out.println();
      }
    } else {
      out.println(line);
    }
    out.flush();
  }

  private void summary(
      List<CostSum> costs, long deadLettered, ProcessorProbe.Gauges g, Duration took) {
    long succeeded = costs.stream().mapToLong(CostSum::succeeded).sum();
    long failed = costs.stream().mapToLong(CostSum::failed).sum();
    out.println();
    double seconds = took.toMillis() / 1000.0;
    out.printf(
        "%d runs: %d succeeded, %d failed, %d dead-lettered%n",
        runs, succeeded, failed, deadLettered);
    out.printf(
        "all resolved %.1f s after they were submitted (%.1f runs/s)%n",
        seconds, seconds > 0 ? runs / seconds : 0.0);
    out.println(quotaLine(g));
    out.println();
    out.println(table(costs));
    out.flush();
  }

  /**
   * The API calls each resolved run cost (every answer counted, per published result), and how many
   * results each schedule found: {@code fixed} before a workflow's run times are learned, {@code
   * learned} after, {@code hinted} for inputs with hints.
   */
  static String quotaLine(ProcessorProbe.Gauges g) {
    return String.format(
        java.util.Locale.ROOT,
        "API calls per resolved run: %.2f (results by schedule: fixed %d, learned %d, hinted %d)",
        g.requestsPerResolvedRun(),
        (long) g.byFixed(),
        (long) g.byLearned(),
        (long) g.byHinted());
  }

  /** The per-workflow cost table, with a total row; credits exact. */
  static String table(List<CostSum> costs) {
    List<CostSum> rows = costs.stream().sorted(Comparator.comparing(CostSum::workflowId)).toList();
    int idWidth = "workflow".length();
    for (CostSum c : rows) {
      idWidth = Math.max(idWidth, label(c).length());
    }
    String format = "%-" + idWidth + "s  %8s  %10s  %8s  %16s  %12s%n";
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(format, "workflow", "runs", "succeeded", "failed", "credits", "tokens"));
    sb.append("-".repeat(idWidth + 66)).append('\n');
    long runs = 0;
    long succeeded = 0;
    long failed = 0;
    long tokens = 0;
    BigDecimal credits = BigDecimal.ZERO;
    for (CostSum c : rows) {
      sb.append(
          String.format(
              format,
              label(c),
              c.runs(),
              c.succeeded(),
              c.failed(),
              c.totalCost().toPlainString(),
              c.totalTokens()));
      runs += c.runs();
      succeeded += c.succeeded();
      failed += c.failed();
      tokens += c.totalTokens();
      credits = credits.add(c.totalCost());
    }
    sb.append("-".repeat(idWidth + 66)).append('\n');
    sb.append(
        String.format(format, "total", runs, succeeded, failed, credits.toPlainString(), tokens));
    return sb.toString();
  }

  private static String label(CostSum c) {
    return c.workflowName() == null || c.workflowName().isEmpty()
        ? c.workflowId()
        : c.workflowId() + " (" + c.workflowName() + ")";
  }
}
