package io.workflowresult.cli;

import io.workflowresult.config.AppConfig;
import io.workflowresult.config.ConfigLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The configuration options every command that reads the service's configuration shares: {@code
 * --config FILE} and {@code --set key=value} (repeatable, highest precedence; the last one of a key
 * wins).
 */
public final class ConfigOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Properties file (see config/application.properties).")
  Path file;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      mapFallbackValue = "",
      description = "Set one configuration key; overrides the file and the environment.")
  Map<String, String> overrides = new LinkedHashMap<>();

  /** The effective configuration, with the process environment. */
  public AppConfig load() {
    return ConfigLoader.load(Optional.ofNullable(file), System.getenv(), overrides);
  }

  /** As {@link #load}, for commands that never call the API: {@code api.key} may be missing. */
  public AppConfig loadWithoutApiKey() {
    return ConfigLoader.loadWithoutApiKey(Optional.ofNullable(file), System.getenv(), overrides);
  }
}
