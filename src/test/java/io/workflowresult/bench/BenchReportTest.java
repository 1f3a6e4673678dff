package io.workflowresult.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchReportTest {
  private static final Measurements.Raw RAW_64_50 =
      new Measurements.Raw("raw", "http", 64, 50, 10, 10_000, 1_000.0, Map.of("200", 10_000L), "1");
  private static final Measurements.Raw RAW_H2 =
      new Measurements.Raw("raw", "h2", 64, 50, 10, 5_000, 500.0, Map.of("200", 5_000L), "1");
  private static final Measurements.Naive NAIVE_50 =
      new Measurements.Naive("naive", 50, 30, 300, 10.0, "1");

  private static Measurements.Case terminal(String protocol, double runsPerSecond) {
    return new Measurements.Case(
        "case",
        "c64-l50",
        protocol,
        "terminal",
        64,
        50,
        30_000,
        30_000,
        37.5,
        runsPerSecond,
        runsPerSecond,
        9_000,
        6_000,
        30_000,
        1.0,
        400,
        60,
        120,
        null,
        null,
        null,
        700,
        "1 1 1",
        "2 2 2",
        null);
  }

  @Test
  void littlesBoundIsInFlightOverLatency() {
    assertThat(BenchReport.littleBound(64, 50)).isEqualTo(1_280.0);
  }

  @Test
  void ratiosAreToTheLimitOfTheSameProtocolAndToTheBaselineOfTheSameLatency() {
    BenchReport.Row row =
        BenchReport.row(terminal("h2", 400), List.of(RAW_64_50, RAW_H2), List.of(NAIVE_50));

    assertThat(row.ofLittle()).isCloseTo(400 / 1_280.0, within(1e-9));
    assertThat(row.ofRaw()).isCloseTo(0.8, within(1e-9));
    assertThat(row.timesNaive()).isCloseTo(40.0, within(1e-9));
  }

  @Test
  void aMixThatReQueriesIsComparedInRequests() {
    Measurements.Case mix =
        new Measurements.Case(
            "case", "mix", "http", "default", 64, 50, 10_000, 40_000, 40, 250, 900, 9_000, 6_000,
            30_000, 3.0, 400, 4_000, 9_000, 120L, 300L, 30_000L, 700, "1", "2", null);

    BenchReport.Row row = BenchReport.row(mix, List.of(RAW_64_50), List.of(NAIVE_50));

    assertThat(row.ofRaw()).isCloseTo(0.9, within(1e-9));
    assertThat(row.timesNaive()).isCloseTo(25.0, within(1e-9));
  }

  @Test
  void aCaseWithoutItsLimitHasNoRatioToIt() {
    assertThat(BenchReport.row(terminal("h2", 400), List.of(RAW_64_50), List.of()).ofRaw())
        .isNull();
  }

  @Test
  void theTableShowsEachCaseWithItsRatiosAndTheHeader() {
    BenchReport.Header header =
        new BenchReport.Header("2026-01-01T00:00:00Z", "box, 2 cores", "java 17", "a.jar", "0.5");
    BenchReport.Row row =
        BenchReport.row(terminal("http", 800), List.of(RAW_64_50), List.of(NAIVE_50));

    String md =
        ReportTables.markdown(header, List.of(RAW_64_50), List.of(NAIVE_50), List.of(row), null);

    assertThat(md)
        .contains("- machine: box, 2 cores")
        .contains("- load average (1, 5, 15 min) at start: 0.5")
        .contains(
            "| c64-l50 | 30000 | 800 | 800 | 0.63 | 0.80 | 80 | 1.000 | 6.0 (9.0) | 60 / 120 | – |"
                + " 700 | 1 1 1 → 2 2 2 |")
        .contains("| 64 × 50 ms, http | 1000 | 0.78 | 1 |")
        .contains("- L = 50 ms: 10.0 runs/s (300 runs in 30 s; load avg 1)");
  }

  @Test
  void aFailedCaseSaysWhy() {
    Measurements.Case failed =
        new Measurements.Case(
            "case",
            "c16-l50",
            "http",
            "terminal",
            16,
            50,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            0,
            null,
            null,
            null,
            0,
            "1",
            "1",
            "expected 10 results, got 3");
    BenchReport.Row row = BenchReport.row(failed, List.of(), List.of());

    String md =
        ReportTables.markdown(
            new BenchReport.Header("d", "m", "j", "s", "l"),
            List.of(),
            List.of(),
            List.of(row),
            null);

    assertThat(md).contains("| c16-l50 | FAILED: expected 10 results, got 3 |");
  }
}
