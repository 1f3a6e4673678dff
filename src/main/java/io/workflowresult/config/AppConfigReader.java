package io.workflowresult.config;

import static io.workflowresult.config.ConfigKeys.*;

import io.workflowresult.config.KafkaPassthrough.Scope;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Builds the typed {@link AppConfig} from merged settings; every rule that spans keys is here. */
final class AppConfigReader {
  private static final Pattern BUDGET = Pattern.compile("(\\d{1,12})\\s*/\\s*(\\d*)\\s*([a-z]+)");
  private static final Duration MAX_LONG_WAIT = Duration.ofDays(365);
  private static final long MIN_ROCKSDB_MEMORY = 16L << 20;
  private static final long MAX_ROCKSDB_MEMORY = 64L << 30;

  private AppConfigReader() {}

  static AppConfig read(Settings s, Map<String, String> merged, boolean apiKeyRequired) {
    AppConfig config =
        new AppConfig(
            kafka(s, merged),
            s.id(APP_ID),
            path(s, STATE_DIR),
            topics(s),
            api(s, apiKeyRequired),
            new AppConfig.Query(s.intBetween(QUERY_MAX_IN_FLIGHT, 1, 10_000), budget(s)),
            poll(s),
            s.intBetween(RETRY_MAX_ATTEMPTS, 1, 1_000),
            new AppConfig.Delay(
                s.intBetween(DELAY_MAX_BUFFERED, 1, 10_000_000),
                s.longBetween(DELAY_MAX_BACKLOG, 1, 1_000_000_000_000L)),
            s.duration(SHUTDOWN_TIMEOUT, Duration.ZERO, Duration.ofHours(1)),
            new AppConfig.Instance(
                s.optional(INSTANCE_ID).map(v -> s.id(INSTANCE_ID)), s.bool(SHUTDOWN_LEAVE_GROUP)),
            s.duration(AGGREGATE_WINDOW, Duration.ofSeconds(1), MAX_LONG_WAIT),
            s.byteSize(AGGREGATE_ROCKSDB_MEMORY, MIN_ROCKSDB_MEMORY, MAX_ROCKSDB_MEMORY),
            new AppConfig.Http(s.intBetween(HTTP_PORT, 0, 65_535), advertisedHost(s)),
            logFormat(s),
            logLevel(s));
    checkCrossFieldRules(config);
    return config;
  }

  /** The rules that involve more than one key. */
  static void checkCrossFieldRules(AppConfig c) {
    AppConfig.Poll poll = c.poll();
    if (poll.initialDelay().compareTo(poll.maxDelay()) > 0) {
      throw misordered(
          POLL_INITIAL_DELAY,
          " must not exceed ",
          POLL_MAX_DELAY,
          " > ",
          poll.initialDelay(),
          poll.maxDelay());
    }
    if (poll.learnedMaxDelay().compareTo(poll.maxDelay()) < 0) {
      throw misordered(
          POLL_LEARNED_MAX_DELAY,
          " must not be shorter than ",
          POLL_MAX_DELAY,
          " < ",
          poll.learnedMaxDelay(),
          poll.maxDelay());
    }
    if (c.api().maxPayloadBytes() > c.api().maxResponseBytes()) {
      throw misordered(
          API_MAX_PAYLOAD_BYTES,
          " must not exceed ",
          API_MAX_RESPONSE_BYTES,
          " > ",
          c.api().maxPayloadBytes(),
          c.api().maxResponseBytes());
    }
    checkProducerInFlight(c.kafka());
    Map<String, String> seen = new HashMap<>();
    AppConfig.Topics t = c.topics();
    String[][] topics = {
      {TOPICS_INPUT, t.input()},
      {TOPICS_DELAY, t.delay()},
      {TOPICS_RESULTS, t.results()},
      {TOPICS_DLQ, t.dlq()},
      {TOPICS_COST_TOTALS, t.costTotals()},
      {TOPICS_COST_WINDOWS, t.costWindows()},
      {TOPICS_RUN_STATS, t.runStats()}
    };
    for (String[] topic : topics) {
      String other = seen.putIfAbsent(topic[1], topic[0]);
      if (other != null) {
        throw new ConfigException(
            topic[0], topic[0] + " must differ from " + other + ", both are " + topic[1]);
      }
    }
  }

  /** {@code key must not exceed other, got 2m > 1m}, naming {@code key}. */
  private static ConfigException misordered(
      String key, String rule, String otherKey, String sign, Object value, Object other) {
    return new ConfigException(
        key, key + rule + otherKey + ", got " + shown(value) + sign + shown(other));
  }

  private static String shown(Object value) {
    return value instanceof Duration d ? Durations.format(d) : String.valueOf(value);
  }

  /** An idempotent producer keeps ordering only with at most 5 requests in flight. */
  private static void checkProducerInFlight(AppConfig.Kafka k) {
    String name = "max.in.flight.requests.per.connection";
    Map<String, Map<String, String>> scopes =
        Map.of(KAFKA_PREFIX, k.common(), KAFKA_PRODUCER_PREFIX, k.producer());
    for (Map.Entry<String, Map<String, String>> scope : scopes.entrySet()) {
      String v = scope.getValue().get(name);
      if (v != null && !isBetween(v, 1, 5)) {
        throw Settings.invalid(
            scope.getKey() + name, "must be between 1 and 5 (idempotent producer)", v);
      }
    }
  }

  private static boolean isBetween(String v, int min, int max) {
    try {
      int n = Integer.parseInt(v.trim());
      return n >= min && n <= max;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static AppConfig.Kafka kafka(Settings s, Map<String, String> merged) {
    Map<Scope, Map<String, String>> p = KafkaPassthrough.split(merged);
    return new AppConfig.Kafka(
        s.text(KAFKA_BOOTSTRAP_SERVERS),
        frozen(p.get(Scope.ALL)),
        frozen(p.get(Scope.PRODUCER)),
        frozen(p.get(Scope.CONSUMER)),
        frozen(p.get(Scope.ADMIN)),
        frozen(p.get(Scope.STREAMS)));
  }

  private static Map<String, String> frozen(Map<String, String> sorted) {
    return Collections.unmodifiableMap(sorted);
  }

  private static AppConfig.Topics topics(Settings s) {
    return new AppConfig.Topics(
        s.topic(TOPICS_INPUT),
        s.topic(TOPICS_DELAY),
        s.topic(TOPICS_RESULTS),
        s.topic(TOPICS_DLQ),
        s.topic(TOPICS_COST_TOTALS),
        s.topic(TOPICS_COST_WINDOWS),
        s.topic(TOPICS_RUN_STATS),
        s.bool(TOPICS_CREATE),
        s.intBetween(TOPICS_PARTITIONS, 1, 10_000),
        replicationFactor(s));
  }

  private static short replicationFactor(Settings s) {
    long rf = s.longBetween(TOPICS_REPLICATION_FACTOR, -1, Short.MAX_VALUE);
    if (rf == 0) {
      throw Settings.invalid(
          TOPICS_REPLICATION_FACTOR, "must be -1 (the broker's default) or at least 1", "0");
    }
    return (short) rf;
  }

  private static AppConfig.Api api(Settings s, boolean apiKeyRequired) {
    long maxResponse = s.longBetween(API_MAX_RESPONSE_BYTES, 1024, Integer.MAX_VALUE);
    return new AppConfig.Api(
        s.httpUrl(API_BASE_URL),
        apiKey(s, apiKeyRequired),
        s.duration(API_TIMEOUT, Duration.ofMillis(1), Duration.ofHours(1)),
        s.longBetween(API_MAX_PAYLOAD_BYTES, 1024, Integer.MAX_VALUE),
        maxResponse,
        s.duration(API_AUTH_RETRY_INTERVAL, Duration.ofMillis(1), Duration.ofDays(1)),
        s.duration(API_MAX_RATE_LIMIT_WAIT, Duration.ofSeconds(1), Duration.ofDays(7)),
        apiTransport(s));
  }

  private static AppConfig.ApiTransport apiTransport(Settings s) {
    String v = s.text(API_TRANSPORT);
    return switch (v) {
      case "http1" -> AppConfig.ApiTransport.HTTP1;
      case "jdk" -> AppConfig.ApiTransport.JDK;
      default -> throw Settings.invalid(API_TRANSPORT, "must be http1 or jdk", v);
    };
  }

  private static Secret apiKey(Settings s, boolean required) {
    Optional<String> key = s.optional(API_KEY);
    Optional<String> file = s.optional(API_KEY_FILE);
    if (key.isPresent()) {
      return Secret.of(key.get());
    }
    if (file.isEmpty() && !required) {
      return Secret.of("");
    }
    if (file.isEmpty()) {
      throw new ConfigException(
          API_KEY, "api.key is required (or api.key-file, a file holding the key)");
    }
    String text;
    try {
      text = Files.readString(Path.of(file.get()), StandardCharsets.UTF_8).trim();
    } catch (IOException | InvalidPathException e) {
      throw new ConfigException(
          API_KEY_FILE,
          "api.key-file cannot be read: " + file.get() + " (" + ConfigLoader.describe(e) + ")");
    }
    if (text.isEmpty()) {
      throw new ConfigException(API_KEY_FILE, "api.key-file " + file.get() + " is empty");
    }
    if (text.contains("\n")) {
      throw new ConfigException(
          API_KEY_FILE, "api.key-file " + file.get() + " must hold one line, the key");
    }
    return Secret.of(text);
  }

  private static Optional<AppConfig.Budget> budget(Settings s) {
    String v = s.text(QUERY_BUDGET).toLowerCase(java.util.Locale.ROOT);
    if (v.equals("none")) {
      return Optional.empty();
    }
    Matcher m = BUDGET.matcher(v);
    String accepts = "must be none or COUNT/PERIOD like 1000/1h or 100/1d";
    if (!m.matches()) {
      throw Settings.invalid(QUERY_BUDGET, accepts, v);
    }
    long count = Long.parseLong(m.group(1));
    String amount = m.group(2).isEmpty() ? "1" : m.group(2);
    Optional<Duration> period = Durations.parse(amount + m.group(3));
    if (count < 1 || period.isEmpty() || period.get().compareTo(Duration.ofSeconds(1)) < 0) {
      throw Settings.invalid(QUERY_BUDGET, accepts + " (count >= 1, period >= 1s)", v);
    }
    return Optional.of(new AppConfig.Budget(count, period.get()));
  }

  private static AppConfig.Poll poll(Settings s) {
    return new AppConfig.Poll(
        s.duration(POLL_INITIAL_DELAY, Duration.ofMillis(1), Duration.ofDays(1)),
        s.duration(POLL_MAX_DELAY, Duration.ofMillis(1), Duration.ofDays(1)),
        s.doubleBetween(POLL_MULTIPLIER, 1.0, 100.0),
        s.duration(POLL_MAX_AGE, Duration.ofSeconds(1), MAX_LONG_WAIT),
        s.intBetween(POLL_NOT_FOUND_RETRIES, 0, 1_000),
        pollSchedule(s),
        s.duration(POLL_MIN_GAP, Duration.ZERO, Duration.ofHours(1)),
        s.intBetween(POLL_LEARNED_MIN_SAMPLES, 1, 100_000),
        s.duration(POLL_LEARNED_MAX_DELAY, Duration.ofSeconds(1), Duration.ofDays(7)));
  }

  private static AppConfig.PollScheduleMode pollSchedule(Settings s) {
    String v = s.text(POLL_SCHEDULE);
    return switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "learned" -> AppConfig.PollScheduleMode.LEARNED;
      case "fixed" -> AppConfig.PollScheduleMode.FIXED;
      default -> throw Settings.invalid(POLL_SCHEDULE, "must be learned or fixed", v);
    };
  }

  private static Path path(Settings s, String key) {
    String v = s.text(key);
    try {
      return Path.of(v);
    } catch (InvalidPathException e) {
      throw Settings.invalid(key, "must be a file system path", v);
    }
  }

  private static String advertisedHost(Settings s) {
    return s.optional(HTTP_ADVERTISED_HOST).orElseGet(AppConfigReader::localHostName);
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  private static AppConfig.LogFormat logFormat(Settings s) {
    String v = s.text(LOGGING_FORMAT);
    return switch (v.toLowerCase(java.util.Locale.ROOT)) {
      case "text" -> AppConfig.LogFormat.TEXT;
      case "json" -> AppConfig.LogFormat.JSON;
      default -> throw Settings.invalid(LOGGING_FORMAT, "must be text or json", v);
    };
  }

  private static AppConfig.LogLevel logLevel(Settings s) {
    String v = s.text(LOGGING_LEVEL);
    try {
      return AppConfig.LogLevel.valueOf(v.trim().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw Settings.invalid(LOGGING_LEVEL, "must be one of trace, debug, info, warn, error", v);
    }
  }
}
