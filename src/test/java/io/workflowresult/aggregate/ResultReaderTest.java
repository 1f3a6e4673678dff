package io.workflowresult.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.aggregate.AggregateMetrics.SkipReason;
import io.workflowresult.aggregate.ResultReader.Read;
import io.workflowresult.aggregate.ResultReader.Reading;
import io.workflowresult.aggregate.ResultReader.Skipped;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResultReaderTest {
  private static final long TS = 1_758_765_400_000L;

  @Test
  void costKeepsTheApisDigitsAndScale() {
    RunCost run = read("{\"workflowId\":\"w\",\"status\":\"SUCCEED\",\"totalCost\":0.69280}");

    assertThat(run.cost()).isEqualTo(new BigDecimal("0.69280"));
  }

  @Test
  void costAsNumericTextIsAccepted() {
    RunCost run = read("{\"workflowId\":\"w\",\"status\":\"FAILED\",\"totalCost\":\" 1.5 \"}");

    assertThat(run.cost()).isEqualTo(new BigDecimal("1.5"));
  }

  @Test
  void absentOrNullCostAndTokensCountAsZero() {
    RunCost run =
        read("{\"workflowId\":\"w\",\"status\":\"FAILED\",\"totalCost\":null,\"endTime\":null}");

    assertThat(run.cost()).isEqualByComparingTo("0");
    assertThat(run.tokens()).isZero();
    assertThat(run.eventTime()).isEqualTo(TS);
    assertThat(run.workflowName()).isNull();
  }

  @Test
  void fieldsInsideInputAndOutputAreNotMistakenForTheRunsOwn() {
    RunCost run =
        read(
            "{\"input\":{\"workflowId\":\"x\",\"totalCost\":99},\"output\":[{\"status\":\"FAILED\"}],"
                + "\"workflowId\":\"w\",\"status\":\"SUCCEED\",\"totalCost\":1,\"totalTokens\":2}");

    assertThat(run.workflowId()).isEqualTo("w");
    assertThat(run.cost()).isEqualByComparingTo("1");
    assertThat(run.status()).isEqualTo(RunCost.RunStatus.SUCCEED);
  }

  @Test
  void endTimeUpToFiveMinutesAheadIsBelievedBeyondIsNot() {
    assertThat(ResultReader.eventTime(TS + 300_000, TS)).isEqualTo(TS + 300_000);
    assertThat(ResultReader.eventTime(TS + 300_001, TS)).isEqualTo(TS);
    assertThat(ResultReader.eventTime(-5L, TS)).isEqualTo(TS);
    assertThat(ResultReader.eventTime(TS - 1, TS)).isEqualTo(TS - 1);
  }

  @Test
  void wrongTypesAreSkippedWithAReason() {
    assertThat(skip("{\"workflowId\":7,\"status\":\"SUCCEED\"}")).isEqualTo(SkipReason.UNREADABLE);
    assertThat(skip("{\"workflowId\":\" \",\"status\":\"SUCCEED\"}"))
        .isEqualTo(SkipReason.NO_WORKFLOW_ID);
    assertThat(skip("{\"workflowId\":\"w\",\"status\":\"SUCCEED\",\"totalCost\":true}"))
        .isEqualTo(SkipReason.BAD_COST);
    assertThat(skip("{\"workflowId\":\"w\",\"status\":\"SUCCEED\",\"totalTokens\":1.5}"))
        .isEqualTo(SkipReason.UNREADABLE);
    assertThat(skip("{\"workflowId\":\"w\",\"status\":\"CANCELLED\"}"))
        .isEqualTo(SkipReason.NOT_TERMINAL);
    assertThat(skip("{\"workflowId\":\"w\",\"status\":\"SUCCEED\"} trailing"))
        .isEqualTo(SkipReason.UNREADABLE);
  }

  private static RunCost read(String json) {
    Reading reading = ResultReader.read(json.getBytes(StandardCharsets.UTF_8), TS);
    assertThat(reading).isInstanceOf(Read.class);
    return ((Read) reading).run();
  }

  private static SkipReason skip(String json) {
    Reading reading = ResultReader.read(json.getBytes(StandardCharsets.UTF_8), TS);
    assertThat(reading).isInstanceOf(Skipped.class);
    return ((Skipped) reading).reason();
  }
}
