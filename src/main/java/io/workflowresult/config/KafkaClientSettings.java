package io.workflowresult.config;

import java.util.Map;

/**
 * Kafka client properties built from {@link AppConfig}: the passthrough settings ({@code kafka.*}
 * then the scoped form) with the service's own guarantees on top ({@code acks=all}, idempotence,
 * manual commits, {@code read_committed}, {@code earliest}, {@code exactly_once_v2}).
 */
public final class KafkaClientSettings {
  private KafkaClientSettings() {}

  /** An idempotent producer with {@code acks=all}. */
  public static Map<String, Object> producer(AppConfig config, String clientId) {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * A consumer of group {@code <app.id>-<groupSuffix>}: manual commits, {@code read_committed},
   * {@code auto.offset.reset=earliest}, cooperative rebalancing.
   */
  public static Map<String, Object> consumer(
      AppConfig config, String groupSuffix, String clientId) {
    throw new UnsupportedOperationException("not built yet");
  }

  /** An admin client. */
  public static Map<String, Object> admin(AppConfig config) {
    throw new UnsupportedOperationException("not built yet");
  }

  /**
   * Kafka Streams: {@code application.id} = {@code <app.id>-aggregator}, {@code exactly_once_v2}.
   */
  public static Map<String, Object> streams(AppConfig config) {
    throw new UnsupportedOperationException("not built yet");
  }
}
