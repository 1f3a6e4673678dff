package io.workflowresult.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The {@code kafka.*} passthrough: which client a key goes to, which Kafka settings the service
 * owns (overriding one is a {@link ConfigException}), which are secrets, and which environment
 * variables name a Kafka setting.
 *
 * <p>Environment forms: {@code KAFKA_<NAME>} for {@code kafka.<name>} and {@code
 * KAFKA_PRODUCER_<NAME>}, {@code KAFKA_CONSUMER_<NAME>}, {@code KAFKA_ADMIN_<NAME>}, {@code
 * KAFKA_STREAMS_<NAME>} for the scoped forms, read only when {@code <name>} is a real setting of
 * that Kafka client (so {@code KAFKA_PORT=tcp://...} injected by an orchestrator is ignored).
 */
public final class KafkaPassthrough {

  /** Settings the service's guarantees depend on, or that it sets from its own keys. */
  private static final Map<String, String> OWNED =
      Map.ofEntries(
          Map.entry("acks", "the service always uses acks=all"),
          Map.entry("enable.idempotence", "the service always uses an idempotent producer"),
          Map.entry("enable.auto.commit", "the service commits offsets itself"),
          Map.entry("isolation.level", "the service always reads read_committed"),
          Map.entry("processing.guarantee", "the aggregator always runs exactly_once_v2"),
          Map.entry("group.id", "group ids derive from app.id"),
          Map.entry("group.instance.id", "static membership derives from instance.id"),
          Map.entry("application.id", "the Streams application.id derives from app.id"),
          Map.entry("auto.offset.reset", "the service always starts at earliest"),
          Map.entry("bootstrap.servers", "set kafka.bootstrap.servers"),
          Map.entry("state.dir", "set state.dir"),
          Map.entry("key.serializer", "the service chooses its serializers"),
          Map.entry("value.serializer", "the service chooses its serializers"),
          Map.entry("key.deserializer", "the service chooses its deserializers"),
          Map.entry("value.deserializer", "the service chooses its deserializers"));

  /** Prefixes by which Kafka Streams passes a setting to one of its inner clients. */
  private static final List<String> STREAMS_CLIENT_PREFIXES =
      List.of(
          StreamsConfig.MAIN_CONSUMER_PREFIX,
          StreamsConfig.RESTORE_CONSUMER_PREFIX,
          StreamsConfig.GLOBAL_CONSUMER_PREFIX,
          StreamsConfig.CONSUMER_PREFIX,
          StreamsConfig.PRODUCER_PREFIX,
          StreamsConfig.ADMIN_CLIENT_PREFIX,
          StreamsConfig.TOPIC_PREFIX);

  private static final Set<String> SECRET_NAMES = secretNames();

  private KafkaPassthrough() {}

  /** Which clients a passthrough key goes to. */
  public enum Scope {
    ALL(ConfigKeys.KAFKA_PREFIX),
    PRODUCER(ConfigKeys.KAFKA_PRODUCER_PREFIX),
    CONSUMER(ConfigKeys.KAFKA_CONSUMER_PREFIX),
    ADMIN(ConfigKeys.KAFKA_ADMIN_PREFIX),
    STREAMS(ConfigKeys.KAFKA_STREAMS_PREFIX);

    private final String prefix;

    Scope(String prefix) {
      this.prefix = prefix;
    }

    public String prefix() {
      return prefix;
    }
  }

  /** Passthrough settings split by scope, prefixes removed; one sorted map per scope. */
  public static Map<Scope, Map<String, String>> split(Map<String, String> settings) {
    Map<Scope, Map<String, String>> byScope = new HashMap<>();
    for (Scope s : Scope.values()) {
      byScope.put(s, new TreeMap<>());
    }
    settings.forEach(
        (key, value) -> {
          if (!key.startsWith(ConfigKeys.KAFKA_PREFIX) || ConfigKeys.isKnown(key)) {
            return;
          }
          Scope scope = scopeOf(key);
          String name = key.substring(scope.prefix().length());
          if (name.isEmpty()) {
            throw new ConfigException(key, key + " names no Kafka setting");
          }
          rejectOwned(key, name);
          byScope.get(scope).put(name, value);
        });
    return byScope;
  }

  /** Whether a Kafka setting (prefix removed) holds a secret: of PASSWORD type, or a JAAS line. */
  public static boolean isSecret(String name) {
    String n = stripStreamsClientPrefix(name).toLowerCase(Locale.ROOT);
    return SECRET_NAMES.contains(n)
        || n.contains("password")
        || n.contains("secret")
        || n.endsWith("jaas.config")
        || n.contains("basic.auth.user.info")
        || n.endsWith(".token")
        || n.endsWith("credentials");
  }

  /** A copy of {@code settings} with secret values shown as {@code [redacted]}. */
  public static Map<String, String> redacted(Map<String, String> settings) {
    Map<String, String> copy = new LinkedHashMap<>();
    settings.forEach((k, v) -> copy.put(k, isSecret(k) ? "[redacted]" : v));
    return copy;
  }

  /**
   * The passthrough keys named by the environment (see the class comment), as configuration keys:
   * {@code KAFKA_SECURITY_PROTOCOL} gives {@code kafka.security.protocol}.
   */
  public static Map<String, String> fromEnvironment(Map<String, String> env) {
    Map<String, String> found = new TreeMap<>();
    env.forEach(
        (var, value) -> {
          String v = var.toUpperCase(Locale.ROOT);
          if (!v.startsWith("KAFKA_")) {
            return;
          }
          envKey(v).ifPresent(k -> found.put(k, value));
        });
    return found;
  }

  private static Optional<String> envKey(String var) {
    for (Scope scope : List.of(Scope.PRODUCER, Scope.CONSUMER, Scope.ADMIN, Scope.STREAMS)) {
      String envPrefix = ConfigKeys.envName(scope.prefix());
      if (var.startsWith(envPrefix)) {
        Optional<String> name = settingNamed(var.substring(envPrefix.length()), namesOf(scope));
        if (name.isPresent()) {
          return Optional.of(scope.prefix() + name.get());
        }
      }
    }
    return settingNamed(var.substring("KAFKA_".length()), namesOf(Scope.ALL))
        .map(name -> ConfigKeys.KAFKA_PREFIX + name);
  }

  private static Optional<String> settingNamed(String envSuffix, Set<String> names) {
    return names.stream().filter(n -> ConfigKeys.envName(n).equals(envSuffix)).findFirst();
  }

  private static Set<String> namesOf(Scope scope) {
    return switch (scope) {
      case PRODUCER -> ProducerConfig.configNames();
      case CONSUMER -> ConsumerConfig.configNames();
      case ADMIN -> AdminClientConfig.configNames();
      case STREAMS -> StreamsConfig.configDef().names();
      case ALL -> allNames();
    };
  }

  private static Set<String> allNames() {
    Set<String> names = new HashSet<>(ProducerConfig.configNames());
    names.addAll(ConsumerConfig.configNames());
    names.addAll(AdminClientConfig.configNames());
    names.addAll(StreamsConfig.configDef().names());
    return names;
  }

  private static Scope scopeOf(String key) {
    for (Scope s : List.of(Scope.PRODUCER, Scope.CONSUMER, Scope.ADMIN, Scope.STREAMS)) {
      if (key.startsWith(s.prefix())) {
        return s;
      }
    }
    return Scope.ALL;
  }

  private static void rejectOwned(String key, String name) {
    String reason = OWNED.get(stripStreamsClientPrefix(name));
    if (reason != null) {
      throw new ConfigException(key, key + " cannot be overridden: " + reason);
    }
  }

  private static String stripStreamsClientPrefix(String name) {
    for (String p : STREAMS_CLIENT_PREFIXES) {
      if (name.startsWith(p)) {
        return name.substring(p.length());
      }
    }
    return name;
  }

  private static Set<String> secretNames() {
    Set<String> names = new HashSet<>();
    for (ConfigDef def :
        List.of(
            ProducerConfig.configDef(),
            ConsumerConfig.configDef(),
            AdminClientConfig.configDef(),
            StreamsConfig.configDef())) {
      def.configKeys()
          .forEach(
              (name, key) -> {
                if (key.type == ConfigDef.Type.PASSWORD) {
                  names.add(name);
                }
              });
    }
    names.add("sasl.jaas.config");
    return Set.copyOf(names);
  }
}
