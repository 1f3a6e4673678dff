package io.workflowresult.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and validates the configuration: properties file, then environment variables (known keys
 * only), then {@code --set} overrides.
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
    throw new UnsupportedOperationException("not built yet");
  }

  /** Defaults plus {@code settings}, no file and no environment: for tests and tools. */
  public static AppConfig fromMap(Map<String, String> settings) {
    return load(Optional.empty(), Map.of(), settings);
  }
}
