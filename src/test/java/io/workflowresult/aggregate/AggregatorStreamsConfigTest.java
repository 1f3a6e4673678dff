package io.workflowresult.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.testing.TestConfig;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class AggregatorStreamsConfigTest {

  @Test
  void commitsOnceASecondByDefault() {
    Properties props = AggregatorStreamsConfig.from(TestConfig.defaults().build());

    assertThat(new StreamsConfig(props).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG))
        .isEqualTo(1_000L);
  }

  @Test
  void aPassedThroughCommitIntervalWins() {
    Properties props =
        AggregatorStreamsConfig.from(
            TestConfig.defaults().set("kafka.streams.commit.interval.ms", "100").build());

    assertThat(new StreamsConfig(props).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG))
        .isEqualTo(100L);
  }
}
