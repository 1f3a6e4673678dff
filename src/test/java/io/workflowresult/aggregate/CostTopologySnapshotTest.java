package io.workflowresult.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The topology's processors, stores and repartition topics keep their names: a rename changes
 * changelog and repartition topics and breaks a rolling upgrade. When a change is intended, copy
 * {@code target/topology-actual.txt} over {@code src/test/resources/aggregate/topology.txt}.
 */
class CostTopologySnapshotTest {
  private static final String SNAPSHOT = "/aggregate/topology.txt";

  @Test
  void topologyMatchesTheCheckedInSnapshot() throws IOException {
    CostTopology.Settings settings =
        new CostTopology.Settings(
            "workflow-results",
            "workflow-cost-totals",
            "workflow-cost-windows",
            Duration.ofHours(1),
            Clock.systemUTC());
    String actual =
        CostTopology.build(settings, AggregateMetrics.NOOP).describe().toString().trim() + "\n";
    Files.writeString(Path.of("target", "topology-actual.txt"), actual);

    assertThat(actual).isEqualTo(snapshot());
  }

  private static String snapshot() throws IOException {
    try (InputStream in = CostTopologySnapshotTest.class.getResourceAsStream(SNAPSHOT)) {
      assertThat(in).as("snapshot " + SNAPSHOT).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
