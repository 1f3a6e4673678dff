package io.workflowresult.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every configuration key of README "Configuration", with its default. A key whose default is
 * {@code null} has none (it is optional, or required like {@code api.key}). Keys under {@link
 * #KAFKA_PREFIX} other than {@link #KAFKA_BOOTSTRAP_SERVERS} are the client passthrough and are not
 * listed here.
 */
public final class ConfigKeys {
  private ConfigKeys() {}

  public static final String KAFKA_PREFIX = "kafka.";
  public static final String KAFKA_PRODUCER_PREFIX = "kafka.producer.";
  public static final String KAFKA_CONSUMER_PREFIX = "kafka.consumer.";
  public static final String KAFKA_ADMIN_PREFIX = "kafka.admin.";
  public static final String KAFKA_STREAMS_PREFIX = "kafka.streams.";

  public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
  public static final String DEFAULT_KAFKA_BOOTSTRAP_SERVERS = "localhost:9092";

  public static final String APP_ID = "app.id";
  public static final String DEFAULT_APP_ID = "workflow-result-processor";

  public static final String STATE_DIR = "state.dir";
  public static final String DEFAULT_STATE_DIR = "./state";

  /**
   * Default: the identity kept in {@code state.dir/instance.id}, created at the first start. The
   * static group membership of every group ({@code group.instance.id}) derives from it.
   */
  public static final String INSTANCE_ID = "instance.id";

  public static final String TOPICS_INPUT = "topics.input";
  public static final String DEFAULT_TOPICS_INPUT = "workflow-runs";
  public static final String TOPICS_DELAY = "topics.delay";
  public static final String DEFAULT_TOPICS_DELAY = "workflow-runs-delay";
  public static final String TOPICS_RESULTS = "topics.results";
  public static final String DEFAULT_TOPICS_RESULTS = "workflow-results";
  public static final String TOPICS_DLQ = "topics.dlq";
  public static final String DEFAULT_TOPICS_DLQ = "workflow-runs-dlq";
  public static final String TOPICS_COST_TOTALS = "topics.cost-totals";
  public static final String DEFAULT_TOPICS_COST_TOTALS = "workflow-cost-totals";
  public static final String TOPICS_COST_WINDOWS = "topics.cost-windows";
  public static final String DEFAULT_TOPICS_COST_WINDOWS = "workflow-cost-windows";
  public static final String TOPICS_RUN_STATS = "topics.run-stats";
  public static final String DEFAULT_TOPICS_RUN_STATS = "workflow-run-stats";
  public static final String TOPICS_CREATE = "topics.create";
  public static final String DEFAULT_TOPICS_CREATE = "true";
  public static final String TOPICS_PARTITIONS = "topics.partitions";
  public static final String DEFAULT_TOPICS_PARTITIONS = "6";
  public static final String TOPICS_REPLICATION_FACTOR = "topics.replication-factor";
  public static final String DEFAULT_TOPICS_REPLICATION_FACTOR = "-1";

  public static final String API_BASE_URL = "api.base-url";
  public static final String DEFAULT_API_BASE_URL = "https://altatech.ai";

  /** Secret. Exactly one of {@code api.key} and {@link #API_KEY_FILE} is required. */
  public static final String API_KEY = "api.key";

  public static final String API_KEY_FILE = "api.key-file";
  public static final String API_TIMEOUT = "api.timeout";
  public static final String DEFAULT_API_TIMEOUT = "10s";
  public static final String API_MAX_PAYLOAD_BYTES = "api.max-payload-bytes";
  public static final String DEFAULT_API_MAX_PAYLOAD_BYTES = "1048576";
  public static final String API_MAX_RESPONSE_BYTES = "api.max-response-bytes";
  public static final String DEFAULT_API_MAX_RESPONSE_BYTES = "67108864";
  public static final String API_AUTH_RETRY_INTERVAL = "api.auth-retry-interval";
  public static final String DEFAULT_API_AUTH_RETRY_INTERVAL = "30s";
  public static final String API_MAX_RATE_LIMIT_WAIT = "api.max-rate-limit-wait";
  public static final String DEFAULT_API_MAX_RATE_LIMIT_WAIT = "1h";
  public static final String API_TRANSPORT = "api.transport";
  public static final String DEFAULT_API_TRANSPORT = "http1";

  public static final String QUERY_MAX_IN_FLIGHT = "query.max-in-flight";
  public static final String DEFAULT_QUERY_MAX_IN_FLIGHT = "64";

  /** {@code COUNT/PERIOD}, e.g. {@code 1000/1h}; {@code none} (the default) for no budget. */
  public static final String QUERY_BUDGET = "query.budget";

  public static final String DEFAULT_QUERY_BUDGET = "none";

  public static final String POLL_INITIAL_DELAY = "poll.initial-delay";
  public static final String DEFAULT_POLL_INITIAL_DELAY = "2s";
  public static final String POLL_MAX_DELAY = "poll.max-delay";
  public static final String DEFAULT_POLL_MAX_DELAY = "60s";
  public static final String POLL_MULTIPLIER = "poll.multiplier";
  public static final String DEFAULT_POLL_MULTIPLIER = "2.0";
  public static final String POLL_MAX_AGE = "poll.max-age";
  public static final String DEFAULT_POLL_MAX_AGE = "24h";
  public static final String POLL_NOT_FOUND_RETRIES = "poll.not-found-retries";
  public static final String DEFAULT_POLL_NOT_FOUND_RETRIES = "2";
  public static final String POLL_SCHEDULE = "poll.schedule";
  public static final String DEFAULT_POLL_SCHEDULE = "learned";
  public static final String POLL_MIN_GAP = "poll.min-gap";
  public static final String DEFAULT_POLL_MIN_GAP = "1s";
  public static final String POLL_LEARNED_MIN_SAMPLES = "poll.learned-min-samples";
  public static final String DEFAULT_POLL_LEARNED_MIN_SAMPLES = "30";
  public static final String POLL_LEARNED_MAX_DELAY = "poll.learned-max-delay";
  public static final String DEFAULT_POLL_LEARNED_MAX_DELAY = "1h";

  public static final String RETRY_MAX_ATTEMPTS = "retry.max-attempts";
  public static final String DEFAULT_RETRY_MAX_ATTEMPTS = "10";

  public static final String DELAY_MAX_BUFFERED = "delay.max-buffered";
  public static final String DEFAULT_DELAY_MAX_BUFFERED = "10000";
  public static final String DELAY_MAX_BACKLOG = "delay.max-backlog";
  public static final String DEFAULT_DELAY_MAX_BACKLOG = "100000";

  public static final String SHUTDOWN_TIMEOUT = "shutdown.timeout";
  public static final String DEFAULT_SHUTDOWN_TIMEOUT = "30s";

  /** {@code false}: a SIGTERM keeps the group membership for the restart that follows. */
  public static final String SHUTDOWN_LEAVE_GROUP = "shutdown.leave-group";

  public static final String DEFAULT_SHUTDOWN_LEAVE_GROUP = "false";

  public static final String AGGREGATE_WINDOW = "aggregate.window";
  public static final String DEFAULT_AGGREGATE_WINDOW = "1h";

  /** Off-heap memory of the aggregator's RocksDB stores, all stores together (a size: 128m). */
  public static final String AGGREGATE_ROCKSDB_MEMORY = "aggregate.rocksdb.memory";

  public static final String DEFAULT_AGGREGATE_ROCKSDB_MEMORY = "128m";

  public static final String HTTP_PORT = "http.port";
  public static final String DEFAULT_HTTP_PORT = "8080";

  /** Default: this host's name. */
  public static final String HTTP_ADVERTISED_HOST = "http.advertised-host";

  public static final String LOGGING_FORMAT = "logging.format";
  public static final String DEFAULT_LOGGING_FORMAT = "text";

  /** Level of the service's own loggers ({@code io.workflowresult}); Kafka's stay at WARN. */
  public static final String LOGGING_LEVEL = "logging.level";

  public static final String DEFAULT_LOGGING_LEVEL = "info";

  private static final Map<String, Optional<String>> ALL = all();

  private static Map<String, Optional<String>> all() {
    Map<String, Optional<String>> keys = new LinkedHashMap<>();
    keys.put(KAFKA_BOOTSTRAP_SERVERS, Optional.of(DEFAULT_KAFKA_BOOTSTRAP_SERVERS));
    keys.put(APP_ID, Optional.of(DEFAULT_APP_ID));
    keys.put(STATE_DIR, Optional.of(DEFAULT_STATE_DIR));
    keys.put(INSTANCE_ID, Optional.empty());
    keys.put(TOPICS_INPUT, Optional.of(DEFAULT_TOPICS_INPUT));
    keys.put(TOPICS_DELAY, Optional.of(DEFAULT_TOPICS_DELAY));
    keys.put(TOPICS_RESULTS, Optional.of(DEFAULT_TOPICS_RESULTS));
    keys.put(TOPICS_DLQ, Optional.of(DEFAULT_TOPICS_DLQ));
    keys.put(TOPICS_COST_TOTALS, Optional.of(DEFAULT_TOPICS_COST_TOTALS));
    keys.put(TOPICS_COST_WINDOWS, Optional.of(DEFAULT_TOPICS_COST_WINDOWS));
    keys.put(TOPICS_RUN_STATS, Optional.of(DEFAULT_TOPICS_RUN_STATS));
    keys.put(TOPICS_CREATE, Optional.of(DEFAULT_TOPICS_CREATE));
    keys.put(TOPICS_PARTITIONS, Optional.of(DEFAULT_TOPICS_PARTITIONS));
    keys.put(TOPICS_REPLICATION_FACTOR, Optional.of(DEFAULT_TOPICS_REPLICATION_FACTOR));
    keys.put(API_BASE_URL, Optional.of(DEFAULT_API_BASE_URL));
    keys.put(API_KEY, Optional.empty());
    keys.put(API_KEY_FILE, Optional.empty());
    keys.put(API_TIMEOUT, Optional.of(DEFAULT_API_TIMEOUT));
    keys.put(API_MAX_PAYLOAD_BYTES, Optional.of(DEFAULT_API_MAX_PAYLOAD_BYTES));
    keys.put(API_MAX_RESPONSE_BYTES, Optional.of(DEFAULT_API_MAX_RESPONSE_BYTES));
    keys.put(API_AUTH_RETRY_INTERVAL, Optional.of(DEFAULT_API_AUTH_RETRY_INTERVAL));
    keys.put(API_MAX_RATE_LIMIT_WAIT, Optional.of(DEFAULT_API_MAX_RATE_LIMIT_WAIT));
    keys.put(API_TRANSPORT, Optional.of(DEFAULT_API_TRANSPORT));
    keys.put(QUERY_MAX_IN_FLIGHT, Optional.of(DEFAULT_QUERY_MAX_IN_FLIGHT));
    keys.put(QUERY_BUDGET, Optional.of(DEFAULT_QUERY_BUDGET));
    keys.put(POLL_INITIAL_DELAY, Optional.of(DEFAULT_POLL_INITIAL_DELAY));
    keys.put(POLL_MAX_DELAY, Optional.of(DEFAULT_POLL_MAX_DELAY));
    keys.put(POLL_MULTIPLIER, Optional.of(DEFAULT_POLL_MULTIPLIER));
    keys.put(POLL_MAX_AGE, Optional.of(DEFAULT_POLL_MAX_AGE));
    keys.put(POLL_NOT_FOUND_RETRIES, Optional.of(DEFAULT_POLL_NOT_FOUND_RETRIES));
    keys.put(POLL_SCHEDULE, Optional.of(DEFAULT_POLL_SCHEDULE));
    keys.put(POLL_MIN_GAP, Optional.of(DEFAULT_POLL_MIN_GAP));
    keys.put(POLL_LEARNED_MIN_SAMPLES, Optional.of(DEFAULT_POLL_LEARNED_MIN_SAMPLES));
    keys.put(POLL_LEARNED_MAX_DELAY, Optional.of(DEFAULT_POLL_LEARNED_MAX_DELAY));
    keys.put(RETRY_MAX_ATTEMPTS, Optional.of(DEFAULT_RETRY_MAX_ATTEMPTS));
    keys.put(DELAY_MAX_BUFFERED, Optional.of(DEFAULT_DELAY_MAX_BUFFERED));
    keys.put(DELAY_MAX_BACKLOG, Optional.of(DEFAULT_DELAY_MAX_BACKLOG));
    keys.put(SHUTDOWN_TIMEOUT, Optional.of(DEFAULT_SHUTDOWN_TIMEOUT));
    keys.put(SHUTDOWN_LEAVE_GROUP, Optional.of(DEFAULT_SHUTDOWN_LEAVE_GROUP));
    keys.put(AGGREGATE_WINDOW, Optional.of(DEFAULT_AGGREGATE_WINDOW));
    keys.put(AGGREGATE_ROCKSDB_MEMORY, Optional.of(DEFAULT_AGGREGATE_ROCKSDB_MEMORY));
    keys.put(HTTP_PORT, Optional.of(DEFAULT_HTTP_PORT));
    keys.put(HTTP_ADVERTISED_HOST, Optional.empty());
    keys.put(LOGGING_FORMAT, Optional.of(DEFAULT_LOGGING_FORMAT));
    keys.put(LOGGING_LEVEL, Optional.of(DEFAULT_LOGGING_LEVEL));
    return Collections.unmodifiableMap(keys);
  }

  /** Every key in documentation order, mapped to its default (empty when it has none). */
  public static Map<String, Optional<String>> defaults() {
    return ALL;
  }

  /** Every key in documentation order. */
  public static List<String> names() {
    return List.copyOf(ALL.keySet());
  }

  /** Whether {@code key} is one of the service's own keys (not a Kafka passthrough). */
  public static boolean isKnown(String key) {
    return ALL.containsKey(key);
  }

  /** The environment variable read for {@code key}: upper-cased, {@code .} and {@code -} to _. */
  public static String envName(String key) {
    return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
