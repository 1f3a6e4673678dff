package io.workflowresult.topics;

import io.workflowresult.config.AppConfig;
import io.workflowresult.config.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The documented defaults as an {@link AppConfig}, with the topic settings a test chooses. */
final class TestConfigs {
  private TestConfigs() {}

  static AppConfig.Topics topics(String prefix, boolean create, int partitions) {
    return new AppConfig.Topics(
        prefix + "-runs",
        prefix + "-runs-delay",
        prefix + "-results",
        prefix + "-runs-dlq",
        prefix + "-cost-totals",
        prefix + "-cost-windows",
        prefix + "-run-stats",
        create,
        partitions,
        (short) -1);
  }

  static AppConfig config(String bootstrap, AppConfig.Topics topics, Duration pollMaxAge) {
    return config(bootstrap, topics, pollMaxAge, Path.of("./state"));
  }

  static AppConfig config(
      String bootstrap, AppConfig.Topics topics, Duration pollMaxAge, Path stateDir) {
    return new AppConfig(
        new AppConfig.Kafka(bootstrap, Map.of(), Map.of(), Map.of(), Map.of(), Map.of()),
        "workflow-result-processor",
        stateDir,
        topics,
        new AppConfig.Api(
            URI.create("https://altatech.ai"),
            Secret.of("test-key"),
            Duration.ofSeconds(10),
            1_048_576,
            67_108_864,
            Duration.ofSeconds(30),
            Duration.ofHours(1)),
        new AppConfig.Query(64, Optional.empty()),
        new AppConfig.Poll(
            Duration.ofSeconds(2),
            Duration.ofSeconds(60),
            2.0,
            pollMaxAge,
            2,
            AppConfig.PollScheduleMode.LEARNED,
            Duration.ofSeconds(1),
            30,
            Duration.ofHours(1)),
        10,
        new AppConfig.Delay(10_000, 100_000),
        Duration.ofSeconds(30),
        Duration.ofHours(1),
        128L << 20,
        new AppConfig.Http(8080, "localhost"),
        AppConfig.LogFormat.TEXT,
        AppConfig.LogLevel.INFO);
  }
}
