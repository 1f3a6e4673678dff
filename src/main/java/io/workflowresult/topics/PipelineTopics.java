package io.workflowresult.topics;

import io.workflowresult.config.AppConfig;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The six topics of DESIGN.md's topic contract, named from {@code topics.*}. Values are the raw
 * bytes on the wire (a result is published unchanged; input may not even be UTF-8); a part that
 * owns a format binds its own serde with {@link Topic#withValueSerde}.
 *
 * @param input run IDs to resolve; key ignored (bytes, may be null), value a bare ID or JSON
 * @param delay runs waiting for their due time; key run ID
 * @param results terminal runs, the API's run object unchanged; key run ID; compacted
 * @param dlq dead letters; key run ID or null
 * @param costTotals cost per workflow; key workflow ID; compacted
 * @param costWindows cost per workflow and window; key {@code <workflowId>@<start>/<size>};
 *     compacted
 */
public record PipelineTopics(
    Topic<byte[], byte[]> input,
    Topic<String, byte[]> delay,
    Topic<String, byte[]> results,
    Topic<String, byte[]> dlq,
    Topic<String, byte[]> costTotals,
    Topic<String, byte[]> costWindows) {

  /** The topics named by the configuration. */
  public static PipelineTopics from(AppConfig.Topics names) {
    return new PipelineTopics(
        new Topic<>(names.input(), Serdes.ByteArray(), Serdes.ByteArray()),
        keyedByText(names.delay()),
        keyedByText(names.results()),
        keyedByText(names.dlq()),
        keyedByText(names.costTotals()),
        keyedByText(names.costWindows()));
  }

  /** Every topic name, in contract order. */
  public List<String> names() {
    return List.of(
        input.name(),
        delay.name(),
        results.name(),
        dlq.name(),
        costTotals.name(),
        costWindows.name());
  }

  private static Topic<String, byte[]> keyedByText(String name) {
    return new Topic<>(name, Serdes.String(), Serdes.ByteArray());
  }
}
