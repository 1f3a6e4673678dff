package io.workflowresult.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class QueryOutcomeTest {

  @Test
  void everyKindIsLabelledAsTheMetricsSpellIt() {
    assertThat(Arrays.stream(QueryOutcome.Kind.values()).map(QueryOutcome.Kind::label))
        .containsExactly(
            "terminal",
            "not_yet",
            "transient",
            "not_found",
            "unauthorized",
            "malformed",
            "unexpected_status",
            "too_large");
  }
}
