package io.workflowresult.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends one line per scenario to {@code target/chaos/results.md} (a Markdown table that {@code
 * scripts/chaos.sh} prints at the end and README's reliability section quotes), and prints it.
 */
final class ChaosReport {
  static final Path DIR = Path.of("target", "chaos");
  static final Path RESULTS = DIR.resolve("results.md");
  static final Path TIMINGS = DIR.resolve("timings.md");

  private ChaosReport() {}

  /** One row of the scenario table. */
  record Row(
      String scenario,
      int runs,
      String faults,
      int lost,
      int doubleCounted,
      double duplicateResultRatio,
      int resultAndDeadLetter,
      double apiCallsPerRun,
      String recovery) {

    String markdown() {
      return String.format(
          "| %s | %d | %s | %d | %d | %.4f | %d | %.2f | %s |",
          scenario,
          runs,
          faults,
          lost,
          doubleCounted,
          duplicateResultRatio,
          resultAndDeadLetter,
          apiCallsPerRun,
          recovery);
    }
  }

  static void add(Row row) {
    append(
        RESULTS,
        "| scenario | runs | faults injected | lost | double-counted | duplicate-result ratio"
            + " | result and dead letter | API calls per run | time to recover |\n"
            + "|---|---|---|---|---|---|---|---|---|\n",
        row.markdown());
  }

  /** A line of the restart-timing table (scenario 7). */
  static void timing(String line) {
    append(TIMINGS, "", line);
  }

  private static synchronized void append(Path file, String header, String line) {
    System.out.println("chaos: " + line);
    try {
      Files.createDirectories(DIR);
      if (!Files.exists(file)) {
        Files.writeString(file, header, StandardCharsets.UTF_8);
      }
      Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
