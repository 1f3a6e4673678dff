package io.workflowresult.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.config.ConfigException;
import io.workflowresult.topics.TopicSetupException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class ExitCodesTest {
  @Test
  void configMistakeAnywhereInTheChainIsTwo() {
    Exception e = new ExecutionException(new ConfigException("k", "k must be 1"));
    assertThat(ExitCodes.exitCode(e)).isEqualTo(2);
    assertThat(ExitCodes.message(e)).isEqualTo("k must be 1");
  }

  @Test
  void unreachableKafkaIsThree() {
    Exception e = new IllegalStateException(new KafkaUnreachableException("b:9092", null));
    assertThat(ExitCodes.exitCode(e)).isEqualTo(3);
    assertThat(ExitCodes.message(e)).isEqualTo("cannot reach Kafka at b:9092 — is it running?");
  }

  @Test
  void anythingElseIsOneWithTheRootCause() {
    Exception e =
        new IllegalStateException(
            "wrapper", new UncheckedIOException(new java.io.IOException("disk full")));
    assertThat(ExitCodes.exitCode(e)).isEqualTo(1);
    assertThat(ExitCodes.message(e)).isEqualTo("disk full");
  }

  @Test
  void rootCauseWithoutMessageShowsItsType() {
    assertThat(ExitCodes.message(new RuntimeException(new NullPointerException())))
        .isEqualTo("NullPointerException");
  }

  @Test
  void aTopicThatCannotBeSetUpIsThreeWithItsOwnLine() {
    Exception e =
        new IllegalStateException(
            "start failed",
            new TopicSetupException(
                TopicSetupException.Reason.MISSING,
                "workflow-runs",
                "topic workflow-runs does not exist and topics.create=false"));
    assertThat(ExitCodes.exitCode(e)).isEqualTo(3);
    assertThat(ExitCodes.message(e))
        .isEqualTo("topic workflow-runs does not exist and topics.create=false");
  }
}
