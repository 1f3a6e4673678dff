package io.workflowresult.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.workflowresult.topics.TopicSetupException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionCountRecordTest {
  @TempDir Path stateDir;

  @Test
  void recordsTheCountOnFirstSight() throws Exception {
    new PartitionCountRecord(stateDir).recordOrCheck("results", 6);

    assertThat(Files.readString(stateDir.resolve("topics/results.partitions")).trim())
        .isEqualTo("6");
  }

  @Test
  void acceptsTheSameCountLater() {
    new PartitionCountRecord(stateDir).recordOrCheck("results", 6);

    assertThatCode(() -> new PartitionCountRecord(stateDir).recordOrCheck("results", 6))
        .doesNotThrowAnyException();
  }

  @Test
  void stopsStartUpWhenTheCountChanged() {
    new PartitionCountRecord(stateDir).recordOrCheck("results", 6);

    assertThatThrownBy(() -> new PartitionCountRecord(stateDir).recordOrCheck("results", 12))
        .isInstanceOfSatisfying(
            TopicSetupException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MISCONFIGURED))
        .hasMessageStartingWith("topic results has 12 partitions but had 6 (recorded in ")
        .hasMessageNotContaining("\n");
  }
}
