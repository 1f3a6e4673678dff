package io.workflowresult.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.workflowresult.topics.TopicSpec.CleanupPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.junit.jupiter.api.Test;

class TopicCheckTest {
  private static final long TEN_DAYS = Duration.ofDays(10).toMillis();
  private static final TopicSpec RESULTS =
      new TopicSpec("results", CleanupPolicy.COMPACT, OptionalLong.empty(), 1_048_576, true);
  private static final TopicSpec DELAY =
      new TopicSpec("delay", CleanupPolicy.DELETE, OptionalLong.of(TEN_DAYS), 1_048_576, false);
  private static final TopicSpec INPUT =
      new TopicSpec("input", CleanupPolicy.DELETE, OptionalLong.empty(), 0, false);

  private static Config config(Map<String, String> entries) {
    return new Config(
        entries.entrySet().stream().map(e -> new ConfigEntry(e.getKey(), e.getValue())).toList());
  }

  private static Config fine(String policy, long retentionMs) {
    return config(
        Map.of(
            "cleanup.policy",
            policy,
            "retention.ms",
            Long.toString(retentionMs),
            "max.message.bytes",
            "1048588"));
  }

  @Test
  void acceptsATopicCreatedByTheSpec() {
    assertThat(TopicCheck.problem(RESULTS, config(RESULTS.creationConfigs()))).isEmpty();
    assertThat(TopicCheck.problem(DELAY, config(DELAY.creationConfigs()))).isEmpty();
  }

  @Test
  void rejectsAResultsTopicThatDeletes() {
    assertThat(TopicCheck.problem(RESULTS, fine("delete", TEN_DAYS)))
        .hasValue(
            "topic results has cleanup.policy=delete, needs compact (latest value per key kept)");
  }

  @Test
  void rejectsAResultsTopicThatCompactsAndDeletes() {
    assertThat(TopicCheck.problem(RESULTS, fine("compact,delete", TEN_DAYS))).isPresent();
  }

  @Test
  void rejectsACompactedInputTopic() {
    assertThat(TopicCheck.problem(INPUT, fine("compact", TEN_DAYS)))
        .hasValue(
            "topic input has cleanup.policy=compact, needs delete (compaction would drop records)");
  }

  @Test
  void rejectsADelayTopicKeptShorterThanPollMaxAgePlusSevenDays() {
    assertThat(TopicCheck.problem(DELAY, fine("delete", TEN_DAYS - 1)))
        .hasValue(
            "topic delay has retention.ms="
                + (TEN_DAYS - 1)
                + ", needs at least "
                + TEN_DAYS
                + " (poll.max-age + 7 days) or -1");
  }

  @Test
  void acceptsADelayTopicKeptForever() {
    assertThat(TopicCheck.problem(DELAY, fine("delete", -1))).isEmpty();
  }

  @Test
  void rejectsATopicThatCannotTakeTheProducersLargestRequest() {
    Config small = config(Map.of("cleanup.policy", "compact", "max.message.bytes", "1000000"));

    assertThat(TopicCheck.problem(RESULTS, small))
        .hasValue(
            "topic results has max.message.bytes=1000000, needs at least the producer's"
                + " max.request.size 1048576");
  }

  @Test
  void ignoresMessageSizeOfTheInputTopic() {
    assertThat(TopicCheck.problem(INPUT, config(Map.of("max.message.bytes", "1000")))).isEmpty();
  }

  @Test
  void aMissingPolicyMeansKafkasDefaultDelete() {
    assertThat(TopicCheck.problem(DELAY, new Config(List.of()))).isEmpty();
    assertThat(TopicCheck.problem(RESULTS, new Config(List.of()))).isPresent();
  }
}
