package io.workflowresult.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.workflowresult.aggregate.CostAggregator;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class AggregatorLaunchTest {

  private static CostAggregator aggregator() {
    try {
      Properties p = new Properties();
      p.put(StreamsConfig.APPLICATION_ID_CONFIG, "launch-test");
      p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
      p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("launch").toString());
      StreamsBuilder builder = new StreamsBuilder();
      builder.stream("in");
      return new CostAggregator(builder.build(), p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void buildsAtOnceButStartsOnlyOnceTheTopicsAreReady() throws Exception {
    AtomicReference<CostAggregator> built = new AtomicReference<>();
    AggregatorLaunch launch =
        AggregatorLaunch.begin(
            () -> {
              built.set(aggregator());
              return built.get();
            });
    await("the aggregator built").atMost(Duration.ofSeconds(30)).until(() -> built.get() != null);
    assertThat(built.get().state()).isEqualTo(KafkaStreams.State.CREATED);

    launch.topicsReady();
    CostAggregator started = launch.awaitStarted();
    try {
      assertThat(started.state()).isNotEqualTo(KafkaStreams.State.CREATED);
    } finally {
      started.close(Duration.ZERO);
    }
  }

  @Test
  void aFailedBuildIsThrownByAwaitStarted() {
    AggregatorLaunch launch =
        AggregatorLaunch.begin(
            () -> {
              throw new IllegalArgumentException("no topology");
            });
    launch.topicsReady();
    assertThatThrownBy(launch::awaitStarted)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no topology");
  }

  @Test
  void abandoningBeforeTheTopicsAreReadyNeverStartsIt() {
    AtomicReference<CostAggregator> built = new AtomicReference<>();
    AggregatorLaunch launch =
        AggregatorLaunch.begin(
            () -> {
              built.set(aggregator());
              return built.get();
            });
    launch.abandon();
    assertThatThrownBy(launch::awaitStarted)
        .as("the start step never ran")
        .isInstanceOf(java.util.concurrent.CancellationException.class);
    assertThat(built.get().state())
        .as("closed without being started")
        .isIn(KafkaStreams.State.PENDING_SHUTDOWN, KafkaStreams.State.NOT_RUNNING);
  }
}
