package io.workflowresult.aggregate.query;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.workflowresult.aggregate.AggregateMetrics;
import io.workflowresult.aggregate.AggregatorStreamsConfig;
import io.workflowresult.aggregate.CostTopology;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class StreamsCostQueriesTest {

  @Test
  void aClientNotRunningAnswersUnavailable() throws Exception {
    CostTopology.Settings settings =
        new CostTopology.Settings("r", "t", "w", Duration.ofHours(1), Clock.systemUTC());
    try (KafkaStreams streams =
        new KafkaStreams(
            CostTopology.build(settings, AggregateMetrics.NOOP),
            AggregatorStreamsConfig.properties(
                Map.of(
                    StreamsConfig.APPLICATION_ID_CONFIG, "not-started",
                    StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1"),
                Files.createTempDirectory("not-started"),
                "localhost",
                1,
                32L << 20))) {
      StreamsCostQueries queries =
          new StreamsCostQueries(
              streams,
              new HostInfo("localhost", 1),
              Duration.ofHours(1),
              (host, path) -> {
                throw new AssertionError("no peer to ask");
              });

      assertThatThrownBy(queries::allTotalsJson).isInstanceOf(CostsUnavailableException.class);
      assertThatThrownBy(() -> queries.totalsJson("wf"))
          .isInstanceOf(CostsUnavailableException.class);
      assertThatThrownBy(() -> queries.windowsJson("wf", 0, 1))
          .isInstanceOf(CostsUnavailableException.class);
      assertThatThrownBy(queries::localTotals).isInstanceOf(CostsUnavailableException.class);
    }
  }
}
