package io.workflowresult.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every metric name of the contract is documented in README. */
class ReadmeMetricsTest {

  @Test
  void readmeListsEveryMetricWithItsPrometheusName() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    for (String name : MetricNames.ALL) {
      assertThat(readme)
          .as("README lists %s", name)
          .contains("`" + MetricNames.prometheusName(name));
    }
  }
}
