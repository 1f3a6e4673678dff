package io.workflowresult.config;

import static io.workflowresult.config.ConfigKeys.*;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The effective configuration as {@code key = value} lines, for the start-up log: every key of
 * {@link ConfigKeys} and every passthrough setting, with secrets ({@code api.key}, Kafka passwords,
 * JAAS lines) shown as {@code [redacted]}.
 */
public final class ConfigDump {
  static final String REDACTED = "[redacted]";

  private ConfigDump() {}

  /** One {@code key = value} line per setting, in documentation order. */
  public static String describe(AppConfig c) {
    return asProperties(c).entrySet().stream()
        .map(e -> e.getKey() + " = " + e.getValue())
        .collect(Collectors.joining(System.lineSeparator()));
  }

  /** Every effective setting by key, secrets redacted. */
  public static Map<String, String> asProperties(AppConfig c) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(KAFKA_BOOTSTRAP_SERVERS, c.kafka().bootstrapServers());
    p.put(APP_ID, c.appId());
    p.put(STATE_DIR, c.stateDir().toString());
    p.put(INSTANCE_ID, c.instance().id().orElse(""));
    p.put(TOPICS_INPUT, c.topics().input());
    p.put(TOPICS_DELAY, c.topics().delay());
    p.put(TOPICS_RESULTS, c.topics().results());
    p.put(TOPICS_DLQ, c.topics().dlq());
    p.put(TOPICS_COST_TOTALS, c.topics().costTotals());
    p.put(TOPICS_COST_WINDOWS, c.topics().costWindows());
    p.put(TOPICS_RUN_STATS, c.topics().runStats());
    p.put(TOPICS_CREATE, String.valueOf(c.topics().create()));
    p.put(TOPICS_PARTITIONS, String.valueOf(c.topics().partitions()));
    p.put(TOPICS_REPLICATION_FACTOR, String.valueOf(c.topics().replicationFactor()));
    p.put(API_BASE_URL, c.api().baseUrl().toString());
    p.put(API_KEY, REDACTED);
    p.put(API_TIMEOUT, Durations.format(c.api().timeout()));
    p.put(API_MAX_PAYLOAD_BYTES, String.valueOf(c.api().maxPayloadBytes()));
    p.put(API_MAX_RESPONSE_BYTES, String.valueOf(c.api().maxResponseBytes()));
    p.put(API_AUTH_RETRY_INTERVAL, Durations.format(c.api().authRetryInterval()));
    p.put(API_MAX_RATE_LIMIT_WAIT, Durations.format(c.api().maxRateLimitWait()));
    p.put(API_TRANSPORT, c.api().transport().name().toLowerCase(java.util.Locale.ROOT));
    p.put(QUERY_MAX_IN_FLIGHT, String.valueOf(c.query().maxInFlight()));
    p.put(
        QUERY_BUDGET,
        c.query()
            .budget()
            .map(b -> b.count() + "/" + Durations.format(b.period()))
            .orElse(DEFAULT_QUERY_BUDGET));
    p.put(POLL_INITIAL_DELAY, Durations.format(c.poll().initialDelay()));
    p.put(POLL_MAX_DELAY, Durations.format(c.poll().maxDelay()));
    p.put(POLL_MULTIPLIER, String.valueOf(c.poll().multiplier()));
    p.put(POLL_MAX_AGE, Durations.format(c.poll().maxAge()));
    p.put(POLL_NOT_FOUND_RETRIES, String.valueOf(c.poll().notFoundRetries()));
    p.put(POLL_SCHEDULE, c.poll().schedule().name().toLowerCase(java.util.Locale.ROOT));
    p.put(POLL_MIN_GAP, Durations.format(c.poll().minGap()));
    p.put(POLL_LEARNED_MIN_SAMPLES, String.valueOf(c.poll().learnedMinSamples()));
    p.put(POLL_LEARNED_MAX_DELAY, Durations.format(c.poll().learnedMaxDelay()));
    p.put(RETRY_MAX_ATTEMPTS, String.valueOf(c.retryMaxAttempts()));
    p.put(DELAY_MAX_BUFFERED, String.valueOf(c.delay().maxBuffered()));
    p.put(DELAY_MAX_BACKLOG, String.valueOf(c.delay().maxBacklog()));
    p.put(SHUTDOWN_TIMEOUT, Durations.format(c.shutdownTimeout()));
    p.put(SHUTDOWN_LEAVE_GROUP, String.valueOf(c.instance().leaveGroupOnShutdown()));
    p.put(AGGREGATE_WINDOW, Durations.format(c.aggregateWindow()));
    p.put(AGGREGATE_ROCKSDB_MEMORY, ByteSizes.format(c.aggregateRocksDbMemory()));
    p.put(HTTP_PORT, String.valueOf(c.http().port()));
    p.put(HTTP_ADVERTISED_HOST, c.http().advertisedHost());
    p.put(LOGGING_FORMAT, c.loggingFormat().name().toLowerCase(java.util.Locale.ROOT));
    p.put(LOGGING_LEVEL, c.loggingLevel().name().toLowerCase(java.util.Locale.ROOT));
    putPassthrough(p, KAFKA_PREFIX, c.kafka().common());
    putPassthrough(p, KAFKA_PRODUCER_PREFIX, c.kafka().producer());
    putPassthrough(p, KAFKA_CONSUMER_PREFIX, c.kafka().consumer());
    putPassthrough(p, KAFKA_ADMIN_PREFIX, c.kafka().admin());
    putPassthrough(p, KAFKA_STREAMS_PREFIX, c.kafka().streams());
    return p;
  }

  private static void putPassthrough(Map<String, String> p, String prefix, Map<String, String> m) {
    KafkaPassthrough.redacted(m).forEach((k, v) -> p.put(prefix + k, v));
  }
}
