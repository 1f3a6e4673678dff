package io.workflowresult.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.aggregate.CostSum;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoProgressTest {

  @Test
  void sumsEverySampleOfAMetric() {
    String text =
        """
        # HELP wrp_dead_letters_total dead letters written
        # TYPE wrp_dead_letters_total counter
        wrp_dead_letters_total{reason="expired"} 2.0
        wrp_dead_letters_total{reason="not_found"} 3.0
        wrp_dead_letters_total_other 100.0
        wrp_api_requests_in_flight 7.0
        wrp_api_rate_limit_remaining NaN
        """;
    assertThat(ProcessorProbe.sum(text, "wrp_dead_letters_total")).isEqualTo(5.0);
    assertThat(ProcessorProbe.sum(text, "wrp_api_requests_in_flight")).isEqualTo(7.0);
    assertThat(ProcessorProbe.sum(text, "wrp_api_rate_limit_remaining")).isZero();
  }

  @Test
  void theSummaryNamesTheCallsPerRunAndTheResultsOfEachSchedule() {
    String text =
        """
        wrp_api_requests_per_resolved_run 2.25
        wrp_results_by_schedule_total{schedule="fixed"} 150.0
        wrp_results_by_schedule_total{schedule="learned"} 840.0
        wrp_results_by_schedule_total{schedule="hinted"} 0.0
        wrp_results_total{outcome="succeeded"} 990.0
        """;

    assertThat(DemoProgress.quotaLine(ProcessorProbe.gauges(text)))
        .isEqualTo(
            "API calls per resolved run: 2.25 (results by schedule: fixed 150, learned 840,"
                + " hinted 0)");
  }

  @Test
  void tableAddsCreditsExactly() {
    String table =
        DemoProgress.table(
            List.of(
                new CostSum("wf-b", "Beta", 2, 1, 1, new BigDecimal("0.2"), 20, 0, null),
                new CostSum("wf-a", "Alpha", 1, 1, 0, new BigDecimal("0.1"), 10, 0, null)));
    assertThat(table.indexOf("wf-a (Alpha)")).isLessThan(table.indexOf("wf-b (Beta)"));
    assertThat(table.lines().filter(l -> l.startsWith("total")).findFirst().orElseThrow())
        .contains(" 3 ")
        .contains(" 0.3 ")
        .endsWith(" 30");
  }

  @Test
  void costsKeepTheirValueAndScaleAsWritten() throws Exception {
    var costs =
        ProcessorProbe.parseCosts(
            "[{\"workflowId\":\"wf-a\",\"runs\":2,\"totalCost\":70.6400,\"totalTokens\":5},"
                + "{\"workflowId\":\"wf-b\",\"runs\":1,\"totalCost\":0.30000000000000000001}]");
    assertThat(costs.get(0).totalCost()).isEqualTo(new BigDecimal("70.6400"));
    assertThat(costs.get(0).totalCost().toPlainString()).isEqualTo("70.6400");
    assertThat(costs.get(1).totalCost()).isEqualTo(new BigDecimal("0.30000000000000000001"));
  }
}
