package io.workflowresult.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The hidden {@code --kafka-check-timeout} of the commands that check Kafka before they start
 * ({@link KafkaConnectivity}): tests shorten it; users never need to.
 */
public final class KafkaCheckOption {
  @Option(
      names = "--kafka-check-timeout",
      hidden = true,
      defaultValue = "15s",
      converter = DurationConverter.class)
  Duration timeout;
}
