package io.workflowresult.aggregate;

import static io.workflowresult.aggregate.Runs.run;
import static io.workflowresult.aggregate.Runs.succeeded;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.workflowresult.aggregate.AggregateMetrics.SkipReason;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CostTopologyTest {
  private static final long HOUR = CostDriver.WINDOW.toMillis();
  private static final long T0 = CostDriver.NOW.toEpochMilli() - 10 * HOUR;

  private final CostDriver driver = new CostDriver();

  @AfterEach
  void close() {
    driver.close();
  }

  @Test
  void sameResultTwiceIsCountedOnce() {
    driver.send("r1", succeeded("r1", "wf", "0.6928", T0), T0 + 5);
    driver.send("r1", succeeded("r1", "wf", "0.6928", T0), T0 + 9);

    JsonNode totals = driver.totals("wf");
    assertThat(totals.get("runs").asLong()).isEqualTo(1);
    assertThat(totals.get("totalCost").decimalValue()).isEqualByComparingTo("0.6928");
    assertThat(totals.get("totalTokens").asLong()).isEqualTo(10);
  }

  @Test
  void runThatChangesStatusIsCountedOnceWithItsLastStatus() {
    driver.send("r1", run("r1", "wf", "FAILED", "0.5", 100, T0), T0);
    driver.send("r2", run("r2", "wf", "SUCCEED", "1.25", 7, T0), T0);
    driver.send("r1", run("r1", "wf", "SUCCEED", "0.75", 200, T0), T0 + 1);

    JsonNode totals = driver.totals("wf");
    assertThat(totals.get("runs").asLong()).isEqualTo(2);
    assertThat(totals.get("succeeded").asLong()).isEqualTo(2);
    assertThat(totals.get("failed").asLong()).isZero();
    assertThat(totals.get("totalCost").decimalValue()).isEqualByComparingTo("2.00");
    assertThat(totals.get("totalTokens").asLong()).isEqualTo(207);
    assertThat(totals.get("workflowName").asText()).isEqualTo("name-wf");
    assertThat(totals.get("updatedAt").asLong()).isEqualTo(CostDriver.NOW.toEpochMilli());
    assertThat(totals.get("v").asInt()).isEqualTo(1);
  }

  @Test
  void tenThousandRunsOfOneTenThousandthTotalExactlyOne() {
    for (int i = 0; i < 10_000; i++) {
      driver.send("r" + i, succeeded("r" + i, "wf", "0.0001", T0 + i), T0 + i);
    }

    assertThat(driver.totalsText().get("wf")).contains("\"totalCost\":1.0000,");
    assertThat(driver.totals("wf").get("runs").asLong()).isEqualTo(10_000);
  }

  @Test
  void pointOnePlusPointTwoIsPointThree() {
    driver.send("a", succeeded("a", "wf", "0.1", T0), T0);
    driver.send("b", succeeded("b", "wf", "0.2", T0), T0);

    assertThat(driver.totalsText().get("wf")).contains("\"totalCost\":0.3,");
  }

  @Test
  void totalCostIsWrittenWithoutExponent() {
    driver.send("tiny", succeeded("tiny", "small", "0.00000001", T0), T0);
    driver.send("big", succeeded("big", "large", "1E+3", T0), T0);
    driver.send("mixed", succeeded("mixed", "mixed", "1.5e-7", T0), T0);

    assertThat(driver.totalsText().get("small")).contains("\"totalCost\":0.00000001,");
    assertThat(driver.totalsText().get("large")).contains("\"totalCost\":1000,");
    assertThat(driver.totalsText().get("mixed")).contains("\"totalCost\":0.00000015,");
    assertThat(driver.windowsText().values()).noneMatch(w -> w.matches(".*\\d[eE][-+]?\\d.*"));
  }

  @Test
  void windowsSumToTotals() {
    driver.send("a", succeeded("a", "wf", "0.10", T0), T0);
    driver.send("b", succeeded("b", "wf", "0.20", T0 + HOUR), T0 + HOUR);
    driver.send("c", run("c", "wf", "FAILED", "0.05", 3, T0 + 2 * HOUR + 1), T0 + 2 * HOUR + 1);
    driver.send("d", succeeded("d", "other", "9", T0), T0);
    // a repeated result whose endTime moved to another window
    driver.send("a", succeeded("a", "wf", "0.11", T0 + 2 * HOUR), T0 + 3 * HOUR);

    BigDecimal windowCost = BigDecimal.ZERO;
    long windowRuns = 0;
    for (Map.Entry<String, String> w : driver.windowsText().entrySet()) {
      if (w.getKey().startsWith("wf@")) {
        JsonNode node = CostDriver.parse(w.getValue());
        windowCost = windowCost.add(node.get("totalCost").decimalValue());
        windowRuns += node.get("runs").asLong();
      }
    }
    JsonNode totals = driver.totals("wf");
    assertThat(totals.get("totalCost").decimalValue()).isEqualByComparingTo("0.36");
    assertThat(windowCost).isEqualByComparingTo(totals.get("totalCost").decimalValue());
    assertThat(windowRuns).isEqualTo(totals.get("runs").asLong()).isEqualTo(3);
    assertThat(window("wf", T0).get("runs").asLong()).isZero();
    assertThat(window("wf", T0 + 2 * HOUR).get("runs").asLong()).isEqualTo(2);
  }

  @Test
  void lateResultLandsInItsOwnWindow() {
    driver.send("new", succeeded("new", "wf", "1", T0 + 5 * HOUR), T0 + 5 * HOUR);
    driver.send("late", succeeded("late", "wf", "2", T0 + 10), T0 + 6 * HOUR);

    JsonNode early = window("wf", T0);
    assertThat(early.get("totalCost").decimalValue()).isEqualByComparingTo("2");
    assertThat(early.get("windowStart").asLong()).isEqualTo(floor(T0));
    assertThat(early.get("windowEnd").asLong()).isEqualTo(floor(T0) + HOUR);
    assertThat(window("wf", T0 + 5 * HOUR).get("totalCost").decimalValue())
        .isEqualByComparingTo("1");
  }

  @Test
  void endTimeMoreThanFiveMinutesAheadOfTheRecordUsesTheRecordTimestamp() {
    long recordTime = T0 + 30 * 60_000;
    driver.send("far", succeeded("far", "far", "1", recordTime + 6 * HOUR), recordTime);
    driver.send("near", succeeded("near", "near", "1", recordTime + 4 * 60_000), recordTime);

    assertThat(driver.windowsText()).containsKey("far@" + floor(recordTime) + "/" + HOUR);
    assertThat(driver.windowsText())
        .containsKey("near@" + floor(recordTime + 4 * 60_000) + "/" + HOUR);
  }

  @Test
  void missingOrZeroEndTimeUsesTheRecordTimestamp() {
    driver.send("none", run("none", "none", "SUCCEED", "1", 1, null), T0 + 3 * HOUR);
    driver.send("zero", run("zero", "zero", "SUCCEED", "1", 1, 0L), T0 + 4 * HOUR);

    assertThat(driver.windowsText()).containsKey("none@" + floor(T0 + 3 * HOUR) + "/" + HOUR);
    assertThat(driver.windowsText()).containsKey("zero@" + floor(T0 + 4 * HOUR) + "/" + HOUR);
  }

  @Test
  void unreadableRecordsAreSkippedAndTheStreamGoesOn() {
    driver.sendBytes("bin", new byte[] {(byte) 0xff, 0x00, 0x13}, T0);
    driver.send("text", "not json at all", T0);
    driver.send("array", "[1,2,3]", T0);
    driver.send("noId", "{\"status\":\"SUCCEED\",\"totalCost\":1}", T0);
    driver.send("badCost", run("badCost", "wf", "SUCCEED", "\"abc\"", 1, T0), T0);
    driver.send("objCost", run("objCost", "wf", "SUCCEED", "{\"x\":1}", 1, T0), T0);
    driver.send("hugeCost", run("hugeCost", "wf", "SUCCEED", "1e999999999", 1, T0), T0);
    driver.send("pending", run("pending", "wf", "PENDING", "1", 1, T0), T0);
    driver.send("cut", "{\"workflowId\":\"wf\",\"totalCost\":", T0);
    driver.send("tombstone", null, T0);
    driver.send("good", succeeded("good", "wf", "0.42", T0), T0);

    assertThat(driver.totals("wf").get("runs").asLong()).isEqualTo(1);
    assertThat(driver.totals("wf").get("totalCost").decimalValue()).isEqualByComparingTo("0.42");
    assertThat(driver.skipped(SkipReason.UNREADABLE)).isEqualTo(4);
    assertThat(driver.skipped(SkipReason.NO_WORKFLOW_ID)).isEqualTo(1);
    assertThat(driver.skipped(SkipReason.BAD_COST)).isEqualTo(3);
    assertThat(driver.skipped(SkipReason.NOT_TERMINAL)).isEqualTo(1);
    assertThat(driver.skipped(SkipReason.TOMBSTONE)).isEqualTo(1);
  }

  @Test
  void tombstoneDoesNotSubtractARun() {
    driver.send("r1", succeeded("r1", "wf", "3", T0), T0);
    driver.send("r1", null, T0 + 1);

    assertThat(driver.totals("wf").get("totalCost").decimalValue()).isEqualByComparingTo("3");
    assertThat(driver.totals("wf").get("runs").asLong()).isEqualTo(1);
  }

  @Test
  void wrappedRunObjectIsRead() {
    String wrapped = "{\"data\":" + succeeded("w", "wf", "0.5", T0) + ",\"meta\":{}}";
    driver.sendBytes("w", wrapped.getBytes(StandardCharsets.UTF_8), T0);

    assertThat(driver.totals("wf").get("totalCost").decimalValue()).isEqualByComparingTo("0.5");
  }

  private JsonNode window(String workflowId, long time) {
    String key = workflowId + "@" + floor(time) + "/" + HOUR;
    String text = driver.windowsText().get(key);
    assertThat(text).as("window " + key).isNotNull();
    return CostDriver.parse(text);
  }

  private static long floor(long time) {
    return Math.floorDiv(time, HOUR) * HOUR;
  }
}
