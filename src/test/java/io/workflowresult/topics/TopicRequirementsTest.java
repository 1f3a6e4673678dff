package io.workflowresult.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.workflowresult.config.AppConfig;
import io.workflowresult.config.ConfigException;
import io.workflowresult.config.Durations;
import io.workflowresult.testing.TestConfig;
import io.workflowresult.topics.TopicSpec.CleanupPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicRequirementsTest {
  private static final long DAY_MS = Duration.ofDays(1).toMillis();

  private static AppConfig config(Duration pollMaxAge) {
    return TestConfig.defaults()
        .topics("t")
        .set("poll.max-age", Durations.format(pollMaxAge))
        .build();
  }

  private static List<TopicSpec> specs(Duration pollMaxAge, Map<String, ?> producer) {
    return TopicRequirements.of(config(pollMaxAge), producer);
  }

  @Test
  void resultsTotalsWindowsAndRunStatsAreCompactedTheRestDeleted() {
    List<TopicSpec> specs = specs(Duration.ofHours(24), Map.of());

    assertThat(specs)
        .extracting(TopicSpec::name, TopicSpec::cleanupPolicy)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("t-runs", CleanupPolicy.DELETE),
            org.assertj.core.groups.Tuple.tuple("t-runs-delay", CleanupPolicy.DELETE),
            org.assertj.core.groups.Tuple.tuple("t-results", CleanupPolicy.COMPACT),
            org.assertj.core.groups.Tuple.tuple("t-runs-dlq", CleanupPolicy.DELETE),
            org.assertj.core.groups.Tuple.tuple("t-cost-totals", CleanupPolicy.COMPACT),
            org.assertj.core.groups.Tuple.tuple("t-cost-windows", CleanupPolicy.COMPACT),
            org.assertj.core.groups.Tuple.tuple("t-run-stats", CleanupPolicy.COMPACT));
  }

  @Test
  void theRunStatsTopicRollsItsSegmentsHourlySoItsHeadCompacts() {
    TopicSpec runStats = specs(Duration.ofHours(24), Map.of()).get(6);

    assertThat(runStats.creationConfigs()).containsEntry("segment.ms", "3600000");
    assertThat(specs(Duration.ofHours(24), Map.of()).get(2).creationConfigs())
        .doesNotContainKey("segment.ms");
  }

  @Test
  void delayRetentionIsPollMaxAgePlusSevenDays() {
    TopicSpec delay = specs(Duration.ofDays(3), Map.of()).get(1);

    assertThat(delay.minRetentionMs()).hasValue(10 * DAY_MS);
    assertThat(delay.creationConfigs()).containsEntry("retention.ms", Long.toString(10 * DAY_MS));
  }

  @Test
  void onlyTheResultsTopicHasAFixedPartitionCount() {
    assertThat(specs(Duration.ofHours(24), Map.of()))
        .filteredOn(TopicSpec::partitionCountFixed)
        .extracting(TopicSpec::name)
        .containsExactly("t-results");
  }

  @Test
  void maxMessageBytesFollowsTheProducersMaxRequestSize() {
    TopicSpec results = specs(Duration.ofHours(24), Map.of("max.request.size", "5242880")).get(2);

    assertThat(results.maxMessageBytes()).isEqualTo(5_242_880);
    assertThat(results.creationConfigs()).containsEntry("max.message.bytes", "5242880");
  }

  @Test
  void maxMessageBytesIsNeverBelowTheBrokerDefault() {
    TopicSpec results = specs(Duration.ofHours(24), Map.of("max.request.size", 500_000)).get(2);

    assertThat(results.creationConfigs()).containsEntry("max.message.bytes", "1048588");
  }

  @Test
  void withoutAProducerSettingKafkasDefaultRequestSizeApplies() {
    assertThat(specs(Duration.ofHours(24), Map.of()).get(2).maxMessageBytes()).isEqualTo(1_048_576);
  }

  @Test
  void theInputTopicHasNoSizeRequirement() {
    assertThat(specs(Duration.ofHours(24), Map.of()).get(0).maxMessageBytes()).isZero();
  }

  @Test
  void twoKeysNamingOneTopicIsAConfigurationError() {
    AppConfig c = config(Duration.ofHours(24));
    AppConfig.Topics t = c.topics();
    AppConfig.Topics clash =
        new AppConfig.Topics(
            t.input(),
            t.delay(),
            t.results(),
            t.input(),
            t.costTotals(),
            t.costWindows(),
            t.runStats(),
            true,
            6,
            (short) -1);

    assertThatThrownBy(() -> TopicRequirements.of(withTopics(c, clash), Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class, e -> assertThat(e.key()).isEqualTo("topics.dlq"))
        .hasMessage(
            "topics.dlq names the same topic as topics.input (t-runs): each topic needs its own name");
  }

  /** {@code c} with other topics: a configuration the reader would refuse, built past it. */
  private static AppConfig withTopics(AppConfig c, AppConfig.Topics topics) {
    return new AppConfig(
        c.kafka(),
        c.appId(),
        c.stateDir(),
        topics,
        c.api(),
        c.query(),
        c.poll(),
        c.retryMaxAttempts(),
        c.delay(),
        c.shutdownTimeout(),
        c.instance(),
        c.aggregateWindow(),
        c.aggregateRocksDbMemory(),
        c.http(),
        c.loggingFormat(),
        c.loggingLevel());
  }
}
