package io.workflowresult.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

class PipelineAssemblyTest {

  @Test
  void aLoopWithAFailureHasStopped() {
    assertThat(PipelineAssembly.stoppedLoop("intake", Optional.empty())).isEmpty();
    assertThat(PipelineAssembly.stoppedLoop("intake", Optional.of(new IllegalStateException("x"))))
        .contains("intake stopped on an unexpected error: java.lang.IllegalStateException: x");
  }

  @Test
  void theAggregatorHasStoppedOnlyInAnErrorState() {
    for (KafkaStreams.State state : KafkaStreams.State.values()) {
      boolean error =
          state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR;
      assertThat(PipelineAssembly.stoppedAggregator(state).isPresent())
          .as(state.name())
          .isEqualTo(error);
    }
    assertThat(PipelineAssembly.stoppedAggregator(KafkaStreams.State.ERROR))
        .contains("the cost aggregator stopped: Kafka Streams is ERROR");
  }
}
