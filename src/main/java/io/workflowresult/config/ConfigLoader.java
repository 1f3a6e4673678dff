package io.workflowresult.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads and validates the configuration: properties file, then environment variables (known keys
 * only), then {@code --set} overrides; each layer replaces the values of the one before.
 *
 * <ul>
 *   <li>The file and {@code --set} may name only keys of {@link ConfigKeys} or keys under {@code
 *       kafka.}: any other key is a typo and stops start-up.
 *   <li>The environment is read only for known keys ({@code api.base-url} from {@code
 *       API_BASE_URL}) and for real Kafka settings ({@link KafkaPassthrough}); anything else in it
 *       is ignored.
 *   <li>Blank values count as unset. {@code api.key} and {@code api.key-file} are alternatives: a
 *       layer that sets one hides the other from the layers below.
 * </ul>
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * The effective configuration.
   *
   * @param file the {@code --config} properties file, if any
   * @param env the process environment ({@code System.getenv()}); only known keys are read
   * @param overrides {@code --set key=value} pairs, highest precedence
   * @throws ConfigException for the first invalid or missing value
   */
  public static AppConfig load(
      Optional<Path> file, Map<String, String> env, Map<String, String> overrides) {
    return load(file, env, overrides, true);
  }

  /**
   * As {@link #load}, for commands that only talk to Kafka and never call the API ({@code submit},
   * {@code redrive}): {@code api.key} may be missing, and is then an empty {@link Secret}.
   */
  public static AppConfig loadWithoutApiKey(
      Optional<Path> file, Map<String, String> env, Map<String, String> overrides) {
    return load(file, env, overrides, false);
  }

  private static AppConfig load(
      Optional<Path> file,
      Map<String, String> env,
      Map<String, String> overrides,
      boolean apiKeyRequired) {
    Map<String, String> merged = new LinkedHashMap<>();
    if (file.isPresent()) {
      apply(merged, checkedKeys(readFile(file.get()), "in " + file.get()));
    }
    apply(merged, fromEnvironment(env));
    apply(merged, checkedKeys(overrides, "in --set"));
    return AppConfigReader.read(new Settings(merged), merged, apiKeyRequired);
  }

  /** Defaults plus {@code settings}, no file and no environment: for tests and tools. */
  public static AppConfig fromMap(Map<String, String> settings) {
    return load(Optional.empty(), Map.of(), settings);
  }

  private static Map<String, String> readFile(Path file) {
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException(
          "--config", "cannot read configuration file " + file + ": " + describe(e));
    }
    Map<String, String> values = new LinkedHashMap<>();
    props.stringPropertyNames().stream()
        .sorted()
        .forEach(k -> values.put(k.trim(), props.getProperty(k)));
    return values;
  }

  private static Map<String, String> fromEnvironment(Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>(KafkaPassthrough.fromEnvironment(env));
    for (String key : ConfigKeys.names()) {
      String v = env.get(ConfigKeys.envName(key));
      if (v != null) {
        values.put(key, v);
      }
    }
    return values;
  }

  private static Map<String, String> checkedKeys(Map<String, String> layer, String where) {
    layer.keySet().stream()
        .sorted()
        .filter(k -> !ConfigKeys.isKnown(k) && !k.startsWith(ConfigKeys.KAFKA_PREFIX))
        .findFirst()
        .ifPresent(
            k -> {
              throw new ConfigException(
                  k, "unknown configuration key " + k + " " + where + suggestion(k));
            });
    return layer;
  }

  private static void apply(Map<String, String> merged, Map<String, String> layer) {
    Map<String, String> set = new LinkedHashMap<>();
    layer.forEach(
        (k, v) -> {
          if (v != null && !v.isBlank()) {
            set.put(k.trim(), v.trim());
          }
        });
    if (set.containsKey(ConfigKeys.API_KEY) && set.containsKey(ConfigKeys.API_KEY_FILE)) {
      throw new ConfigException(
          ConfigKeys.API_KEY, "api.key and api.key-file are both set: set only one");
    }
    if (set.containsKey(ConfigKeys.API_KEY)) {
      merged.remove(ConfigKeys.API_KEY_FILE);
    }
    if (set.containsKey(ConfigKeys.API_KEY_FILE)) {
      merged.remove(ConfigKeys.API_KEY);
    }
    merged.putAll(set);
  }

  /** ", did you mean X?" for the closest known key, when one is close. */
  private static String suggestion(String key) {
    return ConfigKeys.names().stream()
        .min(Comparator.comparingInt(k -> distance(k, key)))
        .filter(k -> distance(k, key) <= 3)
        .map(k -> " (did you mean " + k + "?)")
        .orElse("");
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  static String describe(Exception e) {
    String m = e.getMessage();
    String text = e.getClass().getSimpleName() + (m == null ? "" : " " + m);
    return text.replaceAll("\\s+", " ").trim();
  }
}
