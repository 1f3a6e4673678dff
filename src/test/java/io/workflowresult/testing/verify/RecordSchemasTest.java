package io.workflowresult.testing.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.aggregate.CostSum;
import io.workflowresult.aggregate.CostSumJson;
import io.workflowresult.deadletter.DeadLetterReason;
import io.workflowresult.deadletter.DeadLetters;
import io.workflowresult.delay.DelayRecord;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * schemas/ against records the service's own writers make, and against records they must refuse.
 */
class RecordSchemasTest {
  private static final long NOW = 1_767_225_600_000L;

  private static byte[] utf8(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void delayRecordsOfIntakeAndTheResolverAreValid() {
    assertThat(
            RecordSchemas.violations(RecordSchemas.DELAY, DelayRecord.fresh("run-1", NOW).toJson()))
        .isEmpty();
    DelayRecord redelayed =
        new DelayRecord(1, "run-1", 3, NOW, NOW + 8_000, "RUNNING", 1, 1, NOW, 250L);
    assertThat(RecordSchemas.violations(RecordSchemas.DELAY, redelayed.toJson())).isEmpty();
  }

  @Test
  void delayRecordsWithTheLearnedSchedulesStateAreValid() {
    DelayRecord learned =
        DelayRecord.fresh("run-1", NOW)
            .next(2, NOW + 9_000, "RUNNING", 0, 0)
            .queriedAt(NOW + 4_000)
            .scheduled("wf-1", "1.0.1", NOW - 500, NOW - 1_000, "learned", 1);
    assertThat(RecordSchemas.violations(RecordSchemas.DELAY, learned.toJson())).isEmpty();
    DelayRecord hinted =
        DelayRecord.fresh("run-2", NOW)
            .next(0, NOW + 5_000, null, 0, 0)
            .scheduled("wf-1", null, null, NOW - 1_000, "hinted", 0);
    assertThat(RecordSchemas.violations(RecordSchemas.DELAY, hinted.toJson())).isEmpty();
  }

  @Test
  void aDelayRecordOfAnUnknownScheduleIsRefused() {
    String json = new String(DelayRecord.fresh("run-1", NOW).toJson(), StandardCharsets.UTF_8);
    String unknown = json.substring(0, json.length() - 1) + ",\"schedule\":\"guessed\"}";

    assertThat(RecordSchemas.violations(RecordSchemas.DELAY, utf8(unknown))).isNotEmpty();
  }

  @Test
  void deadLettersOfEveryKindAreValid() {
    assertThat(
            RecordSchemas.violations(
                RecordSchemas.DEAD_LETTER,
                DeadLetters.invalidInput(new byte[] {(byte) 0xff, 0x00}, "not UTF-8", NOW)
                    .toJson()))
        .isEmpty();
    assertThat(
            RecordSchemas.violations(
                RecordSchemas.DEAD_LETTER,
                DeadLetters.invalidInput(null, "null value", NOW).toJson()))
        .isEmpty();
  }

  @Test
  void costTotalsAndWindowsAreValidWithTheirExactDecimal() {
    CostSum sum = new CostSum("wf-1", null, 2, 1, 1, new BigDecimal("70.6400"), 1200, NOW, null);
    assertThat(RecordSchemas.violations(RecordSchemas.COST_TOTALS, utf8(CostSumJson.toJson(sum))))
        .isEmpty();
    CostSum window = sum.in(new CostSum.Window(NOW, NOW + 3_600_000L));
    assertThat(
            RecordSchemas.violations(RecordSchemas.COST_WINDOWS, utf8(CostSumJson.toJson(window))))
        .isEmpty();
    assertThat(RecordSchemas.violations(RecordSchemas.COST_WINDOWS, utf8(CostSumJson.toJson(sum))))
        .as("a total is not a window")
        .isNotEmpty();
  }

  @Test
  void unknownFieldsAreAllowedForLaterVersions() {
    assertThat(
            RecordSchemas.violations(
                RecordSchemas.INPUT, utf8("{\"workflowRunId\":\"r\",\"submittedBy\":\"x\"}")))
        .isEmpty();
  }

  @Test
  void aCostAsTextOrAMissingFieldIsRefused() {
    assertThat(
            RecordSchemas.violations(
                RecordSchemas.COST_TOTALS,
                utf8(
                    "{\"v\":1,\"workflowId\":\"w\",\"workflowName\":null,\"runs\":1,\"succeeded\":1,"
                        + "\"failed\":0,\"totalCost\":\"0.1\",\"totalTokens\":1,\"updatedAt\":1}")))
        .isNotEmpty();
    assertThat(RecordSchemas.violations(RecordSchemas.INPUT, utf8("{\"runId\":\"r\"}")))
        .isNotEmpty();
    assertThat(
            RecordSchemas.violations(
                RecordSchemas.DEAD_LETTER,
                utf8("{\"v\":1,\"reason\":\"" + DeadLetterReason.EXPIRED + "\"}")))
        .isNotEmpty();
  }
}
