package io.workflowresult.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.aggregate.RunCost.RunStatus;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RunCostSerdeTest {
  /** A run ID as the API issues them, and a workflow as in its example. */
  private static final String RUN_ID = "1947362846120681472";

  private static final RunCost TYPICAL =
      new RunCost(
          "1947362846120681234",
          "todayNews",
          RunStatus.SUCCEED,
          new BigDecimal("0.6928"),
          1745,
          1758765331373L);

  @Test
  void roundTripKeepsValueAndScale() {
    RunCost run = new RunCost("wf@x", null, RunStatus.FAILED, new BigDecimal("1.0000"), -3, -1L);

    RunCost back = RunCostSerde.read(RunCostSerde.write(run));

    assertThat(back).isEqualTo(run);
    assertThat(back.cost().scale()).isEqualTo(4);
  }

  @Test
  void exponentCostRoundTripsExactly() {
    RunCost run = new RunCost("wf", "n", RunStatus.SUCCEED, new BigDecimal("1E+3"), 0, 0);

    assertThat(RunCostSerde.read(RunCostSerde.write(run)).cost()).isEqualTo(run.cost());
  }

  @Test
  void aTypicalRunTakesAboutAHundredBytesOfState() {
    int key = RUN_ID.getBytes(StandardCharsets.UTF_8).length;
    int value = RunCostSerde.write(TYPICAL).length;
    // the table's store keeps an 8-byte timestamp beside each value
    int storeEntry = key + value + 8;

    System.out.printf(
        "per-run state: key %d + value %d + ts 8 = %d bytes%n", key, value, storeEntry);
    assertThat(value).isLessThanOrEqualTo(50);
    assertThat(storeEntry).isBetween(60, 100);
  }
}
