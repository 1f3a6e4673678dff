package io.workflowresult.delay.learned;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.workflowresult.kafka.Json;
import io.workflowresult.testing.verify.RecordSchemas;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RunStatsCodecTest {
  private static final long NOW = 1_767_225_600_000L;

  private static RunStatsRecord learned() {
    RunTimeBook book =
        new RunTimeBook(new RunTimeBook.Limits(10, 5, Duration.ofDays(7), 1), Ladder.QUANTILES);
    for (int i = 0; i < 7; i++) {
      book.learn(
          new RunTiming(
              "wf-1",
              Optional.of("1.0.1"),
              OptionalLong.of(NOW - 8000 - i * 10),
              OptionalLong.of(NOW),
              OptionalLong.empty()),
          NOW - 9000,
          NOW + i);
    }
    RunTimeBook.OwnSnapshot own = book.takeChanged().get(0);
    return new RunStatsRecord(own.key(), "instance-a", NOW + 10, own.windows());
  }

  private static RunStatsRecord read(String json) throws RunStatsCodec.DamagedRecordException {
    return RunStatsCodec.read(json.getBytes(StandardCharsets.UTF_8));
  }

  private static ObjectNode valueOf(RunStatsRecord record) throws Exception {
    return (ObjectNode) Json.MAPPER.readTree(RunStatsCodec.value(record));
  }

  @Test
  void aRecordReadsBackWithEveryGenerationAndCount() throws Exception {
    RunStatsRecord written = learned();

    RunStatsRecord read = RunStatsCodec.read(RunStatsCodec.value(written));

    assertThat(read.key()).isEqualTo(new WorkflowKey("wf-1", "1.0.1"));
    assertThat(read.instance()).isEqualTo("instance-a");
    assertThat(read.updatedAt()).isEqualTo(NOW + 10);
    List<SampleWindow.Generation> generations = read.windows().get(RunTimeMeasure.EXECUTION);
    assertThat(generations).extracting(SampleWindow.Generation::count).containsExactly(5L, 2L);
    assertThat(generations.get(0).histogram())
        .isEqualTo(written.windows().get(RunTimeMeasure.EXECUTION).get(0).histogram());
    assertThat(read.lastSampleAt()).isEqualTo(NOW + 6);
  }

  @Test
  void theKeyNamesWorkflowVersionAndInstance() {
    assertThat(
            new String(
                RunStatsCodec.key(new WorkflowKey("wf-1", "1.0.1"), "instance-a"),
                StandardCharsets.UTF_8))
        .isEqualTo("[\"wf-1\",\"1.0.1\",\"instance-a\"]");
  }

  @Test
  void unknownFieldsMeasuresAndALaterVersionAreRead() throws Exception {
    ObjectNode value = valueOf(learned());
    value.put("v", 2);
    value.put("region", "eu");
    ((ObjectNode) value.get("windows")).putArray("queued");

    RunStatsRecord read = RunStatsCodec.read(Json.MAPPER.writeValueAsBytes(value));

    assertThat(read.windows())
        .containsOnlyKeys(RunTimeMeasure.EXECUTION, RunTimeMeasure.SEEN_TO_END);
  }

  @Test
  void aValueThatIsNotJsonIsDamaged() {
    assertThatThrownBy(() -> read("not json"))
        .isInstanceOf(RunStatsCodec.DamagedRecordException.class)
        .hasMessage("not JSON");
  }

  @Test
  void aValueWithoutVersionOrWorkflowIsDamaged() throws Exception {
    ObjectNode noVersion = valueOf(learned());
    noVersion.remove("v");
    ObjectNode noWorkflow = valueOf(learned());
    noWorkflow.remove("workflowId");

    assertThatThrownBy(() -> RunStatsCodec.read(Json.MAPPER.writeValueAsBytes(noVersion)))
        .hasMessageContaining("\"v\"");
    assertThatThrownBy(() -> RunStatsCodec.read(Json.MAPPER.writeValueAsBytes(noWorkflow)))
        .hasMessage("no string \"workflowId\"");
  }

  @Test
  void aHistogramThatDoesNotDecodeOrDisagreesWithItsCountIsDamaged() throws Exception {
    ObjectNode garbled = valueOf(learned());
    ((ObjectNode) garbled.at("/windows/execution/0")).put("histogram", "SGVsbG8gd29ybGQ=");
    ObjectNode miscounted = valueOf(learned());
    ((ObjectNode) miscounted.at("/windows/execution/0")).put("count", 6);

    assertThatThrownBy(() -> RunStatsCodec.read(Json.MAPPER.writeValueAsBytes(garbled)))
        .hasMessage("execution histogram cannot be decoded");
    assertThatThrownBy(() -> RunStatsCodec.read(Json.MAPPER.writeValueAsBytes(miscounted)))
        .hasMessage("execution count differs from its histogram");
  }

  @Test
  void aRestoredGenerationTakesLongerSamplesThanItHeld() throws Exception {
    RunStatsRecord read = RunStatsCodec.read(RunStatsCodec.value(learned()));
    SampleWindow window = SampleWindow.of(5, read.windows().get(RunTimeMeasure.EXECUTION));

    window.record(3_600_000, NOW + 20);

    assertThat(window.count(0)).isEqualTo(8);
  }

  @Test
  void aWrittenRecordMatchesItsSchemaAndOneWithoutWindowsDoesNot() {
    byte[] written = RunStatsCodec.value(learned());

    assertThat(RecordSchemas.violations(RecordSchemas.RUN_STATS, written)).isEmpty();
    assertThat(
            RecordSchemas.violations(
                RecordSchemas.RUN_STATS,
                "{\"v\":1,\"workflowId\":\"wf-1\",\"instance\":\"a\",\"updatedAt\":1}"
                    .getBytes(StandardCharsets.UTF_8)))
        .isNotEmpty();
  }
}
