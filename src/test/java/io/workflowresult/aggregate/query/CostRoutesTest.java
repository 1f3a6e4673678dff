package io.workflowresult.aggregate.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.aggregate.CostSum;
import io.workflowresult.aggregate.CostSumJson;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CostRoutesTest {
  private static final CostSum WF =
      new CostSum("a b/c+d", "n", 2, 1, 1, new BigDecimal("12.50"), 5, 7, null);

  private final List<String> calls = new ArrayList<>();
  private boolean unavailable;

  private final CostQueries cluster =
      new CostQueries() {
        @Override
        public String allTotalsJson() {
          calls.add("cluster all");
          return check("[]");
        }

        @Override
        public Optional<String> totalsJson(String workflowId) {
          calls.add("cluster " + workflowId);
          return workflowId.equals(WF.workflowId())
              ? Optional.of(check(CostSumJson.toJson(WF)))
              : Optional.empty();
        }

        @Override
        public String windowsJson(String workflowId, long fromMs, long toMs) {
          calls.add("cluster windows " + workflowId + " " + fromMs + ".." + toMs);
          return check("[]");
        }
      };

  private final LocalCostQueries local =
      new LocalCostQueries() {
        @Override
        public List<CostSum> localTotals() {
          calls.add("local all");
          return List.of(WF);
        }

        @Override
        public Optional<CostSum> localTotals(String workflowId) {
          calls.add("local " + workflowId);
          return Optional.empty();
        }

        @Override
        public List<CostSum> localWindows(String workflowId, long fromMs, long toMs) {
          calls.add("local windows " + workflowId + " " + fromMs + ".." + toMs);
          return List.of();
        }
      };

  private final CostRoutes routes = new CostRoutes(cluster, local);

  @Test
  void workflowIdIsDecodedFromThePathKeepingPlusAndSlash() {
    CostRoutes.Answer answer = routes.answer("/costs/" + CostRoutes.encode("a b/c+d"), null);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.json())
        .contains("\"workflowId\":\"a b/c+d\"")
        .contains("\"totalCost\":12.50,");
    assertThat(calls).containsExactly("cluster a b/c+d");
  }

  @Test
  void unknownWorkflowIs404() {
    assertThat(routes.answer("/costs/nope", null).status()).isEqualTo(404);
  }

  @Test
  void localTrueAnswersFromThisInstanceOnly() {
    CostRoutes.Answer all = routes.answer("/costs", "local=true");
    routes.answer("/costs/x", "local=true");
    routes.answer("/costs/x/windows", "from=1&to=2&local=true");

    assertThat(CostSumJson.parseArray(all.json())).containsExactly(WF);
    assertThat(calls).containsExactly("local all", "local x", "local windows x 1..2");
  }

  @Test
  void windowBoundsAcceptEpochMillisAndInstantsAndDefaultToEverything() {
    routes.answer("/costs/x/windows", "from=2026-11-28T12:00:00Z&to=1800000000000");
    routes.answer("/costs/x/windows/", null);

    assertThat(calls)
        .containsExactly(
            "cluster windows x 1795867200000..1800000000000",
            "cluster windows x " + Long.MIN_VALUE + ".." + Long.MAX_VALUE);
  }

  @Test
  void badBoundIs400NamingTheParameter() {
    CostRoutes.Answer answer = routes.answer("/costs/x/windows", "from=yesterday");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json()).contains("from must be epoch milliseconds");
  }

  @Test
  void unavailableIs503() {
    unavailable = true;

    assertThat(routes.answer("/costs", null).status()).isEqualTo(503);
  }

  @Test
  void otherPathsAre404() {
    assertThat(routes.answer("/costsx", null).status()).isEqualTo(404);
    assertThat(routes.answer("/costs/x/other", null).status()).isEqualTo(404);
    assertThat(routes.answer("/costs/x/windows/y", null).status()).isEqualTo(404);
  }

  private String check(String json) {
    if (unavailable) {
      throw new CostsUnavailableException("rebalancing");
    }
    return json;
  }
}
