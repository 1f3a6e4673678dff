package io.workflowresult.testing;

import io.workflowresult.config.AppConfig;
import io.workflowresult.config.ConfigKeys;
import io.workflowresult.config.ConfigLoader;
import io.workflowresult.config.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A test's configuration, read as the service reads its own: {@link ConfigLoader} with the defaults
 * of {@link ConfigKeys}, and on top only the keys the test sets (as {@code --set}); the API key
 * comes through the environment ({@code API_KEY}), as it reaches a service process. Nothing here
 * repeats a default, so a changed default reaches every test.
 */
public final class TestConfig {
  /** The API key unless a test chooses another. */
  public static final String API_KEY = "test-key";

  private static final List<String> TOPIC_KEYS =
      List.of(
          ConfigKeys.TOPICS_INPUT,
          ConfigKeys.TOPICS_DELAY,
          ConfigKeys.TOPICS_RESULTS,
          ConfigKeys.TOPICS_DLQ,
          ConfigKeys.TOPICS_COST_TOTALS,
          ConfigKeys.TOPICS_COST_WINDOWS,
          ConfigKeys.TOPICS_RUN_STATS);

  private static final String DEFAULT_TOPIC_PREFIX = "workflow";

  private final Map<String, String> settings = new LinkedHashMap<>();
  private String apiKey = API_KEY;

  private TestConfig() {}

  /** The defaults, and the API key. */
  public static TestConfig defaults() {
    return new TestConfig();
  }

  /**
   * The defaults on the shared test broker ({@link KafkaTestCluster}), with {@code app.id} {@code
   * appId} and the seven topics named after it ({@link #topics(String)}).
   */
  public static TestConfig onTestBroker(String appId) {
    return defaults()
        .set(ConfigKeys.KAFKA_BOOTSTRAP_SERVERS, KafkaTestCluster.bootstrapServers())
        .set(ConfigKeys.APP_ID, appId)
        .topics(appId);
  }

  /**
   * Sets {@code key} to {@code value}; a blank value leaves the key unset, as with {@code --set}.
   */
  public TestConfig set(String key, String value) {
    settings.put(key, value);
    return this;
  }

  /** Sets every key of {@code keyValues}: key, value, key, value, ... */
  public TestConfig setAll(String... keyValues) {
    if (keyValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values come in pairs: " + List.of(keyValues));
    }
    for (int i = 0; i < keyValues.length; i += 2) {
      set(keyValues[i], keyValues[i + 1]);
    }
    return this;
  }

  /** Sets every key of {@code values}. */
  public TestConfig setAll(Map<String, String> values) {
    settings.putAll(values);
    return this;
  }

  /**
   * Names the seven topics after {@code prefix}: each default name with its leading {@code
   * workflow} replaced ({@code workflow-runs-delay} becomes {@code <prefix>-runs-delay}).
   */
  public TestConfig topics(String prefix) {
    for (String key : TOPIC_KEYS) {
      String name = ConfigKeys.defaults().get(key).orElseThrow();
      set(key, prefix + name.substring(DEFAULT_TOPIC_PREFIX.length()));
    }
    return this;
  }

  /**
   * The name set for the topic of {@code role}, the key's last part: {@code input}, {@code delay},
   * {@code results}, {@code dlq}, {@code cost-totals}, {@code cost-windows} or {@code run-stats}.
   */
  public String topic(String role) {
    String key = "topics." + role;
    if (!TOPIC_KEYS.contains(key)) {
      throw new IllegalArgumentException("no topic role " + role);
    }
    String name = settings.get(key);
    if (name == null) {
      throw new IllegalStateException(key + " is not set: call topics(prefix) first");
    }
    return name;
  }

  /** Chooses the API key (sent through the environment). */
  public TestConfig apiKey(String key) {
    this.apiKey = key;
    return this;
  }

  /** The keys set, in the order they were set; the API key is not among them. */
  public Map<String, String> settings() {
    return new LinkedHashMap<>(settings);
  }

  /** The environment a process of this configuration needs: {@code API_KEY}. */
  public Map<String, String> environment() {
    return Map.of(ConfigKeys.envName(ConfigKeys.API_KEY), apiKey);
  }

  /** A copy to change without changing this one. */
  public TestConfig copy() {
    return defaults().apiKey(apiKey).setAll(settings);
  }

  /**
   * The configuration as the service reads it: defaults, then {@link #environment()}, then {@link
   * #settings()} as {@code --set}.
   *
   * @throws io.workflowresult.config.ConfigException as at start-up, for an invalid setting
   */
  public AppConfig build() {
    return ConfigLoader.load(Optional.empty(), environment(), settings);
  }

  /**
   * The API settings of the defaults with the given address, key, timeout and size limits, for
   * tests of the API client itself: they go past what the reader accepts (a response limit under 1
   * KiB, or none at all).
   */
  public static AppConfig.Api api(
      URI baseUrl, String key, Duration timeout, long maxPayloadBytes, long maxResponseBytes) {
    return api(
        baseUrl,
        key,
        timeout,
        maxPayloadBytes,
        maxResponseBytes,
        defaults().build().api().transport());
  }

  /** As above, over the given {@code api.transport}. */
  public static AppConfig.Api api(
      URI baseUrl,
      String key,
      Duration timeout,
      long maxPayloadBytes,
      long maxResponseBytes,
      AppConfig.ApiTransport transport) {
    AppConfig.Api defaults = defaults().build().api();
    return new AppConfig.Api(
        baseUrl,
        Secret.of(key),
        timeout,
        maxPayloadBytes,
        maxResponseBytes,
        defaults.authRetryInterval(),
        defaults.maxRateLimitWait(),
        transport);
  }
}
